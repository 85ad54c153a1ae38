import TerminalUI

/// One item of a header line: its full words, an optional shorter form, how it is styled and how
/// much it matters. ``HeaderItem/fit(_:width:)`` lays a line out by these priorities.
struct HeaderItem: Equatable {
    /// Items at or above this priority are never dropped (an active filter, a source outage):
    /// they shorten, and at worst are cut with an ellipsis.
    static let always = 100
    /// Columns between two items.
    static let gap = 2

    var text: String
    var short: String?
    var role: StyleRole
    var priority: Int

    init(_ text: String, short: String? = nil, role: StyleRole, priority: Int) {
        self.text = text
        self.short = short
        self.role = role
        self.priority = priority
    }

    var pinned: Bool { priority >= Self.always }

    /// Items below this priority describe the view (poll interval, sort); at or above it they
    /// need attention, and stay even at the cost of a pinned item's longer words.
    static let attention = 70

    /// The items that fit in `width` columns, in their original order, each in the form chosen.
    /// Lower priorities shorten first, then the descriptive ones drop, then pinned items shorten,
    /// then the rest drop; once there is room, dropped items come back and higher items get their
    /// full words back, the highest first.
    /// Pinned items are never dropped: if even their short forms do not fit, ``draw`` cuts them.
    static func fit(_ items: [HeaderItem], width: Int) -> [(text: String, role: StyleRole)] {
        var chosen = items.map(\.text)
        var present = Array(repeating: true, count: items.count)
        // Every form's width measured once: the layout below asks for the line's width many times.
        let fullWidths = items.map { DisplayWidth.of($0.text) }
        let shortWidths = items.map { $0.short.map(DisplayWidth.of) }
        var widths = fullWidths
        func used() -> Int {
            var total = 0
            var shown = 0
            for index in items.indices where present[index] {
                total += widths[index]
                shown += 1
            }
            return total + max(0, shown - 1) * gap
        }
        func shorten(_ index: Int) {
            guard let form = items[index].short, let width = shortWidths[index] else { return }
            chosen[index] = form
            widths[index] = width
        }
        func giveFullWords(_ index: Int) {
            chosen[index] = items[index].text
            widths[index] = fullWidths[index]
        }
        // Lowest priority first; among equals, the later item gives way first.
        let ascending = items.indices.sorted { (items[$0].priority, -$0) < (items[$1].priority, -$1) }
        let loose = ascending.filter { !items[$0].pinned }
        for index in loose where used() > width { shorten(index) }
        for index in loose where items[index].priority < attention && used() > width { present[index] = false }
        for index in ascending where items[index].pinned && used() > width { shorten(index) }
        for index in loose where used() > width { present[index] = false }
        // Shortening pinned items may have freed room for items dropped before: the highest back first.
        for index in ascending.reversed() where !present[index] {
            present[index] = true
            shorten(index)
            if used() > width { present[index] = false }
        }
        // Give full words back, the highest first, shortening lower items again if that makes room.
        for (rank, index) in ascending.enumerated().reversed() where present[index] && chosen[index] != items[index].text {
            let before = (chosen, widths)
            giveFullWords(index)
            for lower in ascending[..<rank] where present[lower] && used() > width { shorten(lower) }
            if used() > width { (chosen, widths) = before }
        }
        return items.indices.filter { present[$0] }.map { (chosen[$0], items[$0].role) }
    }

    /// Writes `items` fitted to the columns from `x` to `right` (exclusive) on row `y`. When even
    /// the pinned items do not fit, the widest are cut (with `…`) so each keeps a few columns.
    static func draw(_ items: [HeaderItem], x: Int, right: Int, y: Int, into frame: inout Frame) {
        let fitted = fit(items, width: max(0, right - x))
        let widths = cutWidths(fitted.map { DisplayWidth.of($0.text) }, toFit: max(0, right - x))
        var column = x
        for ((text, role), width) in zip(fitted, widths) {
            guard right - column >= 2 else { break }
            column += frame.write(text, x: column, y: y, role: role, maxWidth: min(width, right - column), ellipsis: true) + gap
        }
    }

    /// Fewest columns an item is cut to while a wider one can give more.
    static let shortestCut = 8

    /// `widths` with the widest cut down, level with the next widest, until they fit in `width`
    /// with their gaps (or every item is down to ``shortestCut``).
    static func cutWidths(_ widths: [Int], toFit width: Int) -> [Int] {
        var widths = widths
        var overflow = widths.reduce(0, +) + max(0, widths.count - 1) * gap - width
        while overflow > 0, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > shortestCut {
            let next = widths.indices.filter { $0 != widest }.map { widths[$0] }.max() ?? 0
            let cut = min(overflow, max(1, widths[widest] - max(next, shortestCut)))
            widths[widest] -= cut
            overflow -= cut
        }
        return widths
    }
}
