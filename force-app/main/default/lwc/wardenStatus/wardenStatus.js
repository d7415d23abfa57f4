import { LightningElement, wire } from 'lwc';
import { gql, graphql, refreshGraphQL } from 'lightning/uiGraphQLApi';
import { apiUsage, latestAlerts, severityCounts, streamRows, workerSummary } from './statusModel';

// How often the panel re-judges the heartbeat's age without new data (the records only change
// every poll interval; the age grows in between).
const CLOCK_TICK_MS = 30000;

/**
 * OrgWarden status panel: the worker's heartbeat (stale after two poll intervals), each stream's
 * state, lag and last error, the org's API usage against OrgWarden's reserve, open alerts (Status
 * New or Investigating) by severity and the five latest with links. One GraphQL query through
 * Lightning Data Service, so the viewer's object and field permissions apply; no Apex.
 * lightning/uiGraphQLApi rather than lightning/graphql: the latter needs API version 65.0.
 * Outside Salesforce (the worker's /status preview) the same module name resolves to an adapter
 * that fetches the same response shape from the worker.
 */
export default class WardenStatus extends LightningElement {
    result;
    nowMs = Date.now();
    timer;

    @wire(graphql, {
        query: gql`
            query wardenStatus {
                uiapi {
                    query {
                        streams: Warden_Status__c(
                            where: { Kind__c: { eq: "Stream" } }
                            orderBy: { Stream__c: { order: ASC } }
                            first: 50
                        ) {
                            edges {
                                node {
                                    Id
                                    Stream__c {
                                        value
                                    }
                                    State__c {
                                        value
                                    }
                                    State_Reason__c {
                                        value
                                    }
                                    Lag_Minutes__c {
                                        value
                                    }
                                    Poll_Interval_Minutes__c {
                                        value
                                    }
                                    Last_Success__c {
                                        value
                                    }
                                    Last_Error__c {
                                        value
                                    }
                                    Last_Error_Time__c {
                                        value
                                    }
                                    API_Calls_Used__c {
                                        value
                                    }
                                    API_Calls_Limit__c {
                                        value
                                    }
                                    API_Calls_Reserve__c {
                                        value
                                    }
                                }
                            }
                        }
                        workers: Warden_Status__c(
                            where: { Kind__c: { eq: "Worker" } }
                            orderBy: { Heartbeat__c: { order: DESC, nulls: LAST } }
                            first: 5
                        ) {
                            edges {
                                node {
                                    Id
                                    State__c {
                                        value
                                    }
                                    Heartbeat__c {
                                        value
                                    }
                                    Poll_Interval_Minutes__c {
                                        value
                                    }
                                    Worker_Host__c {
                                        value
                                    }
                                    Worker_PID__c {
                                        value
                                    }
                                    Worker_Version__c {
                                        value
                                    }
                                    Queue_Waiting__c {
                                        value
                                    }
                                    Queue_Failed__c {
                                        value
                                    }
                                    API_Calls_Used__c {
                                        value
                                    }
                                    API_Calls_Limit__c {
                                        value
                                    }
                                    API_Calls_Reserve__c {
                                        value
                                    }
                                }
                            }
                        }
                        Warden_Alert__c(
                            where: { Status__c: { in: ["New", "Investigating"] } }
                            orderBy: { Last_Occurrence__c: { order: DESC, nulls: LAST } }
                            first: 5
                        ) {
                            edges {
                                node {
                                    Id
                                    Name {
                                        value
                                    }
                                    Severity__c {
                                        value
                                    }
                                    Status__c {
                                        value
                                    }
                                    Username__c {
                                        value
                                    }
                                    Last_Occurrence__c {
                                        value
                                    }
                                }
                            }
                        }
                    }
                    aggregate {
                        Warden_Alert__c(
                            where: { Status__c: { in: ["New", "Investigating"] } }
                            groupBy: { Severity__c: { group: true } }
                        ) {
                            edges {
                                node {
                                    aggregate {
                                        Severity__c {
                                            value
                                        }
                                        Id {
                                            count {
                                                value
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        `
    })
    wiredStatus(result) {
        this.result = result;
        this.nowMs = Date.now();
    }

    connectedCallback() {
        this.timer = setInterval(() => {
            this.nowMs = Date.now();
        }, CLOCK_TICK_MS);
    }

    disconnectedCallback() {
        clearInterval(this.timer);
    }

    get uiapi() {
        return this.result?.data?.uiapi;
    }

    get errors() {
        return this.result?.errors;
    }

    get hasErrors() {
        return Array.isArray(this.errors) ? this.errors.length > 0 : Boolean(this.errors);
    }

    get isLoading() {
        return !this.hasErrors && !this.uiapi;
    }

    get streams() {
        return streamRows(this.uiapi?.query?.streams?.edges ?? []);
    }

    get worker() {
        return workerSummary(this.uiapi?.query?.workers?.edges ?? [], this.nowMs);
    }

    get api() {
        return apiUsage(this.uiapi?.query?.workers?.edges ?? [], this.uiapi?.query?.streams?.edges ?? []);
    }

    get severityCounts() {
        return severityCounts(this.uiapi?.aggregate?.Warden_Alert__c?.edges ?? []);
    }

    get latestAlerts() {
        return latestAlerts(this.uiapi?.query?.Warden_Alert__c?.edges ?? []);
    }

    get hasStreams() {
        return this.streams.length > 0;
    }

    get hasOpenAlerts() {
        return this.latestAlerts.length > 0 || this.severityCounts.some(({ count }) => count > 0);
    }

    /** Nothing reported yet: no worker, no stream, no open alert. */
    get isEmpty() {
        return !this.hasStreams && !this.worker.hasWorkers && !this.api && !this.hasOpenAlerts;
    }

    get hasData() {
        return !this.isLoading && !this.hasErrors && !this.isEmpty;
    }

    handleRefresh() {
        if (this.result) {
            refreshGraphQL(this.result);
        }
    }
}
