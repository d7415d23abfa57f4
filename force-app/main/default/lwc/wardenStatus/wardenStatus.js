import { LightningElement, wire } from 'lwc';
import { gql, graphql } from 'lightning/uiGraphQLApi';

// Severity__c picklist API names, most severe first (the order the counts are shown in).
const SEVERITIES = ['High', 'Medium', 'Low'];
const BADGE_CLASS = {
    High: 'slds-theme_error',
    Medium: 'slds-theme_warning',
    Low: 'slds-badge_lightest'
};
const RECORD_URL_PREFIX = '/lightning/r/Warden_Alert__c/';

/**
 * OrgWarden status panel, first version: open alerts (Status New or Investigating) counted by
 * severity, and the five most recent open alerts with links. Reads through Lightning Data Service
 * (GraphQL wire adapter), so the viewer's object and field permissions apply; no Apex.
 * lightning/uiGraphQLApi rather than lightning/graphql: the latter needs API version 65.0.
 */
export default class WardenStatus extends LightningElement {
    @wire(graphql, {
        query: gql`
            query wardenStatusOpenAlerts {
                uiapi {
                    query {
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
    openAlerts;

    get errors() {
        return this.openAlerts?.errors;
    }

    get hasErrors() {
        return Array.isArray(this.errors) ? this.errors.length > 0 : Boolean(this.errors);
    }

    get isLoading() {
        return !this.hasErrors && !this.openAlerts?.data;
    }

    /** One entry per severity, always all three, zero when there is no open alert of it. */
    get severityCounts() {
        const edges = this.openAlerts?.data?.uiapi?.aggregate?.Warden_Alert__c?.edges ?? [];
        const counts = new Map();
        for (const { node } of edges) {
            counts.set(node.aggregate.Severity__c.value, node.aggregate.Id.count.value);
        }
        return SEVERITIES.map((severity) => {
            const count = counts.get(severity) ?? 0;
            return { severity, count, label: `${severity}: ${count}`, badgeClass: BADGE_CLASS[severity] };
        });
    }

    get latestAlerts() {
        const edges = this.openAlerts?.data?.uiapi?.query?.Warden_Alert__c?.edges ?? [];
        return edges.map(({ node }) => ({
            id: node.Id,
            name: node.Name.value,
            url: `${RECORD_URL_PREFIX}${node.Id}/view`,
            severity: node.Severity__c.value,
            severityClass: BADGE_CLASS[node.Severity__c.value],
            // Status and username, leaving out whichever is empty (an alert may not be about one user).
            details: [node.Status__c.value, node.Username__c.value].filter(Boolean).join(' · '),
            lastOccurrence: node.Last_Occurrence__c.value ? Date.parse(node.Last_Occurrence__c.value) : null
        }));
    }

    get hasOpenAlerts() {
        return this.latestAlerts.length > 0 || this.severityCounts.some(({ count }) => count > 0);
    }
}
