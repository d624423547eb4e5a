"""Sign-in security: what a Korean public-sector security review asks of authentication.

- Passwords: Argon2 (PBKDF2 kept to verify and upgrade old hashes); length and blocklists, no
  composition rules, no forced rotation (settings.AUTH_PASSWORD_VALIDATORS).
- Throttling with a growing cool-off, by username and by address, in the database (throttle.py).
- TOTP second factor (RFC 6238, totp.py) with recovery codes; required for administrators and plan
  coordinators, with a grace period for coordinators (policy.py, middleware.SecondFactorMiddleware).
- Idle timeout enforced by the server, warned about and extended by static/sangsaeng/idle.js
  (middleware.IdleTimeoutMiddleware); at most SESSION_COOKIE_AGE from login whatever the activity.
- The user's own sessions, listed and ended for real (models.UserSession, services).
- Re-authentication within 5 minutes before sensitive changes (decorators.reauth_required).
- Every sign-in, sign-out and change audited with actor and address (services, receivers).

Management commands: security_cleanup (hourly), security_reset_2fa USERNAME (lost phone).
"""
