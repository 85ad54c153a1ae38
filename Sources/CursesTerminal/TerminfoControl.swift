import CNcurses
import TerminalUI

/// The current terminal's control sequences, read from terminfo, for ``FrameEncoder``.
enum TerminfoControl {
    /// Sequences of the terminal ncurses set up last (call after `newterm`). `lineFeedMovesDown`:
    /// the terminal driver sends a line feed as it is (no carriage return added), so a `cud1`
    /// that is a line feed moves straight down.
    static func current(lineFeedMovesDown: Bool) -> TerminalControl {
        // Every terminal the dashboard starts on has `cup` (checked before this is called).
        let cup = capability("cup") ?? []
        let moves = FilledSequenceCache()
        return TerminalControl(
            moveTo: { x, y in moves.sequence(y, x) { filled(cup, y, x) } },
            column: parameterized("hpa"), row: parameterized("vpa"),
            right: parameterized("cuf"), left: parameterized("cub"),
            down: parameterized("cud"), up: parameterized("cuu"),
            leftOne: bytes("cub1"),
            downOne: bytes("cud1").flatMap { $0 == [0x0A] && !lineFeedMovesDown ? nil : $0 },
            upOne: bytes("cuu1"), rightOne: bytes("cuf1"),
            clear: bytes("clear") ?? [],
            resetAttributes: bytes("sgr0") ?? [],
            defaultColors: bytes("op"),
            bottomRightScrolls: ecs_flag_capability("am") != 0 && ecs_flag_capability("xenl") == 0,
            utf8: ecs_locale_is_utf8() != 0)
    }

    /// The sequence that sets a colour: `setaf`/`setab` with the curses colour number.
    static func color(_ number: Int32, foreground: Bool) -> [UInt8]? {
        guard number >= 0, let template = capability(foreground ? "setaf" : "setab") else { return nil }
        return filled(template, Int(number))
    }

    /// An attribute's sequence (`bold`, `dim`, `rev`, `smul`), or nil when the terminal has none.
    static func bytes(_ name: String) -> [UInt8]? {
        capability(name).map { template in template.dropLast().map { UInt8(bitPattern: $0) } }
    }

    /// The capability as a NUL-terminated C string, kept as an array so closures can hold it.
    private static func capability(_ name: String) -> [CChar]? {
        guard let value = ecs_string_capability(name) else { return nil }
        var characters: [CChar] = []
        var pointer = value
        while pointer.pointee != 0 {
            characters.append(pointer.pointee)
            pointer += 1
        }
        return characters + [0]
    }

    private static func parameterized(_ name: String) -> TerminalControl.Parameterized? {
        guard let template = capability(name) else { return nil }
        let sequences = FilledSequenceCache()
        return { value in sequences.sequence(value) { filled(template, value) } }
    }

    private static func filled(_ template: [CChar], _ first: Int, _ second: Int? = nil) -> [UInt8] {
        template.withUnsafeBufferPointer { buffer -> [UInt8] in
            guard let base = buffer.baseAddress else { return [] }
            let result = second.map { ecs_tiparm2(base, Int32(clamping: first), Int32(clamping: $0)) }
                ?? ecs_tiparm1(base, Int32(clamping: first))
            guard let result else { return [] }
            var bytes: [UInt8] = []
            var pointer = result
            while pointer.pointee != 0 {
                bytes.append(UInt8(bitPattern: pointer.pointee))
                pointer += 1
            }
            return bytes
        }
    }
}
