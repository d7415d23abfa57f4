// Accessibility matcher for the LWC tests: `await expect(element).toBeAccessible()` (axe-core via @sa11y/jest).
const { registerSa11yMatcher } = require('@sa11y/jest');

registerSa11yMatcher();
