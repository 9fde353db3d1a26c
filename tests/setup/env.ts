// Every suite runs twice in CI, under TZ=UTC and TZ=Asia/Shanghai; business time never depends on it.
process.env.FIELD_ENCRYPTION_KEY ||= 'test-only-field-key-0123456789abcdef'
process.env.SESSION_SECRET ||= 'test-only-session-secret'
