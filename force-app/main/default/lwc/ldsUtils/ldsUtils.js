/**
 * Turns the error shapes Lightning Data Service can hand a component into plain messages:
 * GraphQL wire errors ({ message }), UI API fetch errors ({ body: { message } } or
 * { body: [{ message }] }), JavaScript errors and plain strings, alone or in arrays.
 * Messages come from the server or the org; templates render them as text, never as HTML.
 * @param {*} errors
 * @returns {string[]} non-empty messages, duplicates removed, in order
 */
export function reduceErrors(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    const messages = list.flatMap(messagesOf).filter((message) => typeof message === 'string' && message.trim() !== '');
    return [...new Set(messages)];
}

function messagesOf(error) {
    if (error === null || error === undefined) {
        return [];
    }
    if (typeof error === 'string') {
        return [error];
    }
    if (Array.isArray(error.body)) {
        return error.body.map((entry) => entry?.message);
    }
    if (typeof error.body?.message === 'string') {
        return [error.body.message];
    }
    if (typeof error.message === 'string') {
        return [error.message];
    }
    return [error.statusText];
}
