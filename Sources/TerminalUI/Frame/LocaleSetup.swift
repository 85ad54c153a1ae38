import CTerminalSupport

/// `wcwidth` answers -1 for every non-ASCII character in the C locale, so widths need a UTF-8
/// `LC_CTYPE` before the first measurement; the user's own locale wins when it is UTF-8 already.
enum LocaleSetup {
    static func ensureUTF8() { _ = once }

    private static let once: Void = { ecs_ensure_utf8_ctype() }()
}
