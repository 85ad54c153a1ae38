/// How the help box shares the screen's rows: every key of the main table, one per line, then the
/// help's own hint pinned on the last line. When the keys do not fit (80x24 holds about 20),
/// the list scrolls; the renderer and the reducer's scroll keys use these same numbers.
struct HelpLayout {
    /// Lines PgUp/PgDn move by.
    static let pageLines = 10

    /// Key lines in the help: every binding of the main view.
    let keyLines: Int
    /// Key lines the box shows at once on this screen.
    let visibleKeyLines: Int

    init(height: Int, keyLines: Int = KeyBindings.all.count) {
        self.keyLines = keyLines
        // Frame rows minus the two the box keeps clear, its two borders and the pinned hint.
        visibleKeyLines = max(1, min(keyLines, height - 2 - 2 - 1))
    }

    /// The furthest the list can scroll: the last key on the box's last key line.
    var maximumScroll: Int { max(0, keyLines - visibleKeyLines) }
}
