import { reduceErrors } from 'c/ldsUtils';

describe('c/ldsUtils reduceErrors', () => {
    it('reads the messages of GraphQL wire errors', () => {
        const errors = [{ message: 'Field Foo__c is undefined', locations: [{ line: 1, column: 2 }] }, { message: 'second' }];
        expect(reduceErrors(errors)).toEqual(['Field Foo__c is undefined', 'second']);
    });

    it('reads UI API fetch errors with one body message or a list of them', () => {
        expect(reduceErrors({ body: { message: 'Insufficient access' }, status: 403 })).toEqual(['Insufficient access']);
        expect(reduceErrors({ body: [{ message: 'first' }, { message: 'second' }] })).toEqual(['first', 'second']);
    });

    it('reads JavaScript errors, strings and status text', () => {
        expect(reduceErrors([new TypeError('boom'), 'plain text', { statusText: 'Bad Gateway' }])).toEqual([
            'boom',
            'plain text',
            'Bad Gateway'
        ]);
    });

    it('drops empty entries and repeated messages', () => {
        expect(reduceErrors([null, undefined, '', { message: 'same' }, { body: { message: 'same' } }, {}])).toEqual(['same']);
        expect(reduceErrors(undefined)).toEqual([]);
    });
});
