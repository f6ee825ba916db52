// The email of the browser's signed-in profile, for IT's identity_from_profile (Chrome, Edge).
// Firefox has no such API: its package carries profile.firefox.js in this file's place
// (build.sh), so no Chrome-only call ships there.

/** The signed-in profile's email, or null (the permission not granted, not signed in). */
export async function profileEmail() {
  // chrome.identity exists only once the optional identity permission is granted.
  if (!chrome.identity?.getProfileUserInfo) return null;
  try {
    const { email } = await chrome.identity.getProfileUserInfo({ accountStatus: 'ANY' });
    return email || null;
  } catch {
    return null;
  }
}
