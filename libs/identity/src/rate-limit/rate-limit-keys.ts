export const ANONYMOUS_THROTTLER = 'anonymous';
export const AUTHENTICATED_THROTTLER = 'authenticated';

/** The counter every route shares for one signed-in user (the token lookup counts it in its statement). */
export const USER_KEY_PREFIX = `${AUTHENTICATED_THROTTLER}:user:`;
