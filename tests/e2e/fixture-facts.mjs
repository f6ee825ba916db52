// What the X and Facebook fixtures and the extension's DOM contract look like, shared by the
// suites that drive them: hosts, test accounts, composers, and the panel PostGuard draws.
export const X = 'https://x.com', FB = 'https://www.facebook.com';
export const CITY = 'as=CityofWestAllis&name=City%20of%20West%20Allis';
export const PERSONAL = 'as=jdoe_personal&name=Jane%20Doe';
export const DRAFT = '[data-testid="tweetTextarea_0"] [role="textbox"]';
export const LEXICAL = '[data-lexical-editor="true"][aria-label^="Comment as"]';
export const X_BUTTON = '[data-testid="tweetButtonInline"]';
export const USER = { email: 'jdoe@westalliswi.gov', name: 'Jane Doe', title: 'Communications Specialist' };
export const SIGNATURE = '— Jane Doe, Communications Specialist';

export const panel = (page) => page.locator('[data-postguard="panel"]');
/** What the page received: the fixture records every post it accepts. */
export const posted = (page) => page.evaluate(() => window.__posted);
/** The editor's own state (Draft.js or Lexical), not its DOM. */
export const editorText = (page) => page.evaluate(() => window.__editorText());
