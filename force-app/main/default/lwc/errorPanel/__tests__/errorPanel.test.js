import { createElement } from 'lwc';
import ErrorPanel from 'c/errorPanel';

// toBeAccessible comes from @sa11y/jest, registered for the lwc project in jest-sa11y-setup.js.

function createPanel(props) {
    const element = createElement('c-error-panel', { is: ErrorPanel });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

describe('c-error-panel', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    it('shows the summary and each error message as text', () => {
        const element = createPanel({
            friendlyMessage: 'Alerts could not be loaded.',
            errors: [{ message: '<b>not markup</b>' }, { body: { message: 'Insufficient access' } }]
        });
        const root = element.shadowRoot;

        expect(root.querySelector('.friendly-message').textContent).toBe('Alerts could not be loaded.');
        const items = [...root.querySelectorAll('.error-messages li')];
        expect(items.map((li) => li.textContent)).toEqual(['<b>not markup</b>', 'Insufficient access']);
        // Server text is rendered as text, never parsed as HTML.
        expect(root.querySelector('.error-messages b')).toBeNull();
        expect(root.querySelector('[role="alert"]')).not.toBeNull();
    });

    it('shows only the default summary when the errors carry no message', () => {
        const element = createPanel({ errors: [{}] });
        const root = element.shadowRoot;

        expect(root.querySelector('.friendly-message').textContent).toBe('Something went wrong while loading data.');
        expect(root.querySelector('.error-messages')).toBeNull();
    });

    it('is accessible', async () => {
        const element = createPanel({ errors: [{ message: 'Insufficient access' }] });
        await expect(element).toBeAccessible();
    });
});
