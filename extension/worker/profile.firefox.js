// Firefox's profile.js (build.sh puts it in that file's place): Firefox cannot say who is
// signed into the browser, so the employee's typed email is always the one used.

/** Always null: there is no signed-in profile to read. */
export async function profileEmail() {
  return null;
}
