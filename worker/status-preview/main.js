// Entry of the status preview bundle (scripts/build-status-preview.js): the org package's
// wardenStatus component, compiled with LWC OSS, mounted on the worker's /status page.
// Synthetic shadow first: the SLDS stylesheet on the page must reach inside the base components,
// as it does in Lightning.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import WardenStatus from 'c/wardenStatus';

const host = document.getElementById('warden-status');
host.appendChild(createElement('c-warden-status', { is: WardenStatus }));
