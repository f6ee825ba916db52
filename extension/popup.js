// The popup says which policy is in force and whether the engine had a problem.
import init, { Guard } from './pkg/postguard.js';

const policyEl = document.getElementById('policy');
const problemEl = document.getElementById('problem');

try {
  await init();
  policyEl.textContent = `Policy in force: ${new Guard(undefined).policy().name}`;
} catch (err) {
  policyEl.textContent = `The engine could not start: ${err.message ?? err}. Posts are not being checked.`;
}
const { lastProblem } = await chrome.storage.session.get('lastProblem');
if (lastProblem) {
  problemEl.hidden = false;
  problemEl.textContent = `Last problem: ${lastProblem.problem} (${new Date(lastProblem.at).toLocaleTimeString()}). The post was let through.`;
}
