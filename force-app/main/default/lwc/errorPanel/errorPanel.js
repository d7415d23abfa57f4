import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/ldsUtils';

/** The one way OrgWarden components show a failure: a short summary plus the server's messages. */
export default class ErrorPanel extends LightningElement {
    /** Errors as a wire adapter or fetch delivered them (any shape reduceErrors understands). */
    @api errors;
    /** What failed, in words an admin understands. */
    @api friendlyMessage = 'Something went wrong while loading data.';

    get messages() {
        return reduceErrors(this.errors).map((text, index) => ({ key: `error-${index}`, text }));
    }

    get hasMessages() {
        return this.messages.length > 0;
    }
}
