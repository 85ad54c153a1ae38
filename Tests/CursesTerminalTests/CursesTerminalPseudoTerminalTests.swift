#if canImport(Glibc)
import Glibc
#endif
import CNcurses
@testable import CursesTerminal
import TerminalUI
import TerminalTestSupport
import Testing

/// Real ncurses on a pseudo-terminal. ncurses state is process-global, hence `.serialized`.
@Suite(.serialized, .utf8Locale) struct CursesTerminalPseudoTerminalTests {
    private let palette: StylePalette = [
        .header: ResolvedStyle(foreground: .palette(0), background: .palette(6), attributes: .bold),
        .error: ResolvedStyle(foreground: .palette(196), background: .terminalDefault, attributes: .underline),
    ]

    private func sampleFrame(width: Int = 40, height: Int = 8) -> Frame {
        sampleTerminalFrame(width: width, height: height)
    }

    private func hasColorEscapes(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        let colorSequences = (0...7).flatMap { ["\u{1B}[3\($0)m", "\u{1B}[4\($0)m", "\u{1B}[9\($0)m"] }
            + ["38;5;", "48;5;", "\u{1B}[39;49m"]
        return colorSequences.contains { text.contains($0) }
    }

    /// Whether the output clears the screen (xterm's `clear`) and then writes the unchanged text again.
    private func isFullRepaint(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let clear = text.firstRange(of: "\u{1B}[H\u{1B}[2J") else { return false }
        return text[clear.upperBound...].contains("ecs-protect") && text.contains("日本語")
    }

    @Test func drawsASCIIAndWideCharactersAtTheirColumns() throws {
        let pty = try PseudoTerminal(rows: 8, columns: 40)
        let terminal = try pty.startTerminal()
        defer { terminal.stop() }
        terminal.setPalette(palette)
        terminal.draw(sampleFrame())
        _ = pty.drainOutput()

        #expect(terminal.size == (40, 8))
        #expect(terminal.colorCapability == .indexed256)
        #expect(terminal.screenText(row: 0).hasPrefix("ecs-protect "))
        #expect(terminal.screenText(row: 2).hasPrefix("  task 日本語 ok "))
        // 日 takes columns 7–8, 本 9–10, 語 11–12; " ok" follows at 13.
        #expect(terminal.screenCell(x: 7, y: 2).character == "日")
        #expect(terminal.screenCell(x: 9, y: 2).character == "本")
        #expect(terminal.screenCell(x: 11, y: 2).character == "語")
        #expect(terminal.screenCell(x: 14, y: 2).character == "o")
    }

    @Test func rolesBecomeAttributesAndColourPairs() throws {
        let pty = try PseudoTerminal(rows: 8, columns: 40)
        let terminal = try pty.startTerminal()
        defer { terminal.stop() }
        terminal.setPalette(palette)
        terminal.draw(sampleFrame())
        _ = pty.drainOutput()

        let header = terminal.screenCell(x: 0, y: 0)
        #expect(header.attributes & ecs_attr_bold() != 0)
        #expect(header.pair == terminal.pairNumber(for: .header))
        #expect(header.pair > 0)
        let error = terminal.screenCell(x: 0, y: 4)
        #expect(error.attributes & ecs_attr_underline() != 0)
        #expect(error.pair == terminal.pairNumber(for: .error))
        #expect(error.pair != header.pair)
        #expect(terminal.screenCell(x: 0, y: 6).pair == 0)
    }

    @Test func redrawingWritesOnlyWhatChanged() throws {
        let pty = try PseudoTerminal(rows: 8, columns: 40)
        let terminal = try pty.startTerminal()
        defer { terminal.stop() }
        terminal.setPalette(palette)
        var frame = sampleFrame()
        terminal.draw(frame)
        let first = pty.drainOutput().count

        terminal.draw(frame)
        let identical = pty.drainOutput().count

        frame.write("X", x: 20, y: 5, role: .text)
        terminal.draw(frame)
        let oneCell = pty.drainOutput().count

        #expect(first > 100)
        #expect(identical <= 4)
        #expect(oneCell > 0)
        #expect(oneCell * 5 < first)
        #expect(terminal.screenCell(x: 20, y: 5).character == "X")
    }

    @Test func paletteChangeRepaintsEverything() throws {
        let pty = try PseudoTerminal(rows: 8, columns: 40)
        let terminal = try pty.startTerminal()
        defer { terminal.stop() }
        terminal.setPalette(palette)
        let frame = sampleFrame()
        terminal.draw(frame)
        _ = pty.drainOutput()
        terminal.draw(frame)
        #expect(!isFullRepaint(pty.drainOutput()))

        terminal.setPalette([.header: ResolvedStyle(foreground: .palette(7), background: .palette(4), attributes: .reverse)])
        terminal.draw(frame)
        #expect(isFullRepaint(pty.drainOutput()))
        #expect(terminal.screenCell(x: 0, y: 0).attributes & ecs_attr_reverse() != 0)
        #expect(terminal.screenCell(x: 0, y: 4).pair == 0)
    }

    @Test func withoutColourOnlyAttributesAreSent() throws {
        let pty = try PseudoTerminal(rows: 8, columns: 40)
        let terminal = try pty.startTerminal(colorEnabled: false)
        defer { terminal.stop() }
        _ = pty.drainOutput()
        terminal.setPalette(palette)
        terminal.draw(sampleFrame())
        let bytes = pty.drainOutput()

        #expect(terminal.colorCapability == .none)
        #expect(!hasColorEscapes(bytes))
        #expect(terminal.screenCell(x: 0, y: 0).attributes & ecs_attr_bold() != 0)
        #expect(terminal.screenCell(x: 0, y: 0).pair == 0)
    }

    @Test func decodesTypedKeys() throws {
        let pty = try PseudoTerminal(rows: 8, columns: 40)
        let terminal = try pty.startTerminal()
        defer { terminal.stop() }
        terminal.draw(sampleFrame())
        _ = pty.drainOutput()

        // xterm in keypad-transmit mode: cursor keys are ESC O x; PgDn ESC [6~; Delete ESC [3~.
        pty.type("\u{1B}OAq\r\u{7F}\t\u{1B}[6~\u{1B}[3~é日")
        var keys: [KeyInput] = []
        for _ in 0..<9 {
            guard case .input(.key(let key)) = terminal.waitForInput(timeout: .seconds(2)) else { break }
            keys.append(key)
        }
        #expect(keys == [.up, .character("q"), .enter, .backspace, .tab, .pageDown, .delete,
                         .character("é"), .character("日")])
    }

    @Test func loneEscapeIsReportedAfterTheShortDelay() throws {
        let pty = try PseudoTerminal(rows: 8, columns: 40)
        let terminal = try pty.startTerminal()
        defer { terminal.stop() }
        pty.type("\u{1B}")
        #expect(terminal.waitForInput(timeout: .seconds(2)) == .input(.key(.escape)))
    }

    @Test func timesOutWithoutInput() throws {
        let pty = try PseudoTerminal(rows: 8, columns: 40)
        let terminal = try pty.startTerminal()
        defer { terminal.stop() }
        #expect(terminal.waitForInput(timeout: .milliseconds(20)) == .timedOut)
        #expect(terminal.nextInput(timeout: .milliseconds(20)) == nil)
    }

    /// Asking ncurses for a key costs a system call of its own: an idle wait asks only when `poll`
    /// said the terminal is readable, yet keys typed together all arrive.
    @Test func anIdleWaitDoesNotAskForKeysNothingSent() throws {
        let pty = try PseudoTerminal(rows: 8, columns: 40)
        let terminal = try pty.startTerminal()
        defer { terminal.stop() }
        for _ in 0..<5 { #expect(terminal.waitForInput(timeout: .milliseconds(10)) == .timedOut) }
        // Once at the start, when nothing is known of what ncurses holds.
        #expect(terminal.keyReadCount == 1)
        pty.type("ab\u{1B}OA")
        var keys: [KeyInput] = []
        for _ in 0..<3 {
            guard case .input(.key(let key)) = terminal.waitForInput(timeout: .seconds(2)) else { break }
            keys.append(key)
        }
        #expect(keys == [.character("a"), .character("b"), .up])
        #expect(terminal.waitForInput(timeout: .milliseconds(10)) == .timedOut)
        let afterKeys = terminal.keyReadCount
        for _ in 0..<5 { #expect(terminal.waitForInput(timeout: .milliseconds(10)) == .timedOut) }
        #expect(terminal.keyReadCount == afterKeys)
    }

    @Test func wakerInterruptsTheWaitFromAnotherThread() async throws {
        let pty = try PseudoTerminal(rows: 8, columns: 40)
        let terminal = try pty.startTerminal()
        defer { terminal.stop() }
        let waker = terminal.waker
        let wakeUp = Task.detached { waker.wake() }
        // Bounded by 10 s; a wake-up, whether before or during the wait, ends it early.
        #expect(terminal.waitForInput(timeout: .seconds(10)) == .woken)
        await wakeUp.value
        // The wake-up is consumed: the next wait ends at its timeout.
        #expect(terminal.waitForInput(timeout: .milliseconds(20)) == .timedOut)
    }

    @Test func terminationSignalEndsTheWait() throws {
        let pty = try PseudoTerminal(rows: 8, columns: 40)
        TerminationSignals.install()
        defer {
            TerminationSignals.uninstall()
            TerminationSignals.clearPending()
        }
        let terminal = try pty.startTerminal()
        defer { terminal.stop() }
        #expect(TerminationSignals.pending == nil)
        // Any thread may take the signal; the handler's wake-up ends the wait wherever it runs.
        kill(getpid(), SIGTERM)
        #expect(terminal.waitForInput(timeout: .seconds(10)) == .interrupted)
        #expect(TerminationSignals.pending == SIGTERM)
        #expect(TerminationSignals.exitStatus(for: SIGTERM) == 143)
    }

    @Test func resizeIsReportedAndRepaintsFully() throws {
        let pty = try PseudoTerminal(rows: 8, columns: 40)
        let terminal = try pty.startTerminal()
        defer { terminal.stop() }
        terminal.draw(sampleFrame())
        _ = pty.drainOutput()

        pty.resize(rows: 10, columns: 50)
        #expect(terminal.checkForResize() == .resize(width: 50, height: 10))
        #expect(terminal.size == (50, 10))
        #expect(terminal.checkForResize() == nil)
        terminal.draw(sampleFrame(width: 50, height: 10))
        #expect(isFullRepaint(pty.drainOutput()))
        #expect(terminal.screenText(row: 2).hasPrefix("  task 日本語 ok "))
    }

    @Test func resizeSignalBecomesAResizeEvent() throws {
        let pty = try PseudoTerminal(rows: 8, columns: 40)
        let terminal = try pty.startTerminal()
        defer { terminal.stop() }
        pty.resize(rows: 12, columns: 60)
        kill(getpid(), SIGWINCH)
        // A wake-up left in the process-wide pipe by an earlier test may come first; the main
        // loop treats that as "look again", and so does this test.
        var outcome = terminal.waitForInput(timeout: .seconds(10))
        for _ in 0..<3 where outcome == .woken { outcome = terminal.waitForInput(timeout: .seconds(10)) }
        #expect(outcome == .input(.resize(width: 60, height: 12)))
        #expect(terminal.size == (60, 12))
    }

    @Test func themeColoursReachTheTerminalAsPaletteIndexes() throws {
        let pty = try PseudoTerminal(rows: 8, columns: 40)
        let terminal = try pty.startTerminal()
        defer { terminal.stop() }
        let orange = ThemeStyle(foreground: .rgb(RGB(255, 135, 0)))
        terminal.setPalette([.error: orange.resolved(for: terminal.colorCapability)])
        terminal.draw(sampleFrame())
        let drawn = String(decoding: pty.drainOutput(), as: UTF8.self)

        // #ff8700 is index 208 on a 256-colour terminal; the palette itself is never redefined.
        #expect(drawn.contains("38;5;208m"))
        #expect(!drawn.contains("\u{1B}]4;"))
        #expect(terminal.screenCell(x: 0, y: 4).pair == terminal.pairNumber(for: .error))
    }

    @Test func stopRestoresTheTerminalAndIsIdempotent() throws {
        let pty = try PseudoTerminal(rows: 8, columns: 40)
        let terminal = try pty.startTerminal()
        terminal.draw(sampleFrame())
        _ = pty.drainOutput()
        #expect(!pty.isInShellMode)

        terminal.stop()
        let bytes = String(decoding: pty.drainOutput(), as: UTF8.self)
        terminal.stop()
        terminal.draw(sampleFrame())

        #expect(terminal.isStopped)
        #expect(pty.isInShellMode)
        // xterm's rmcup: leave the alternate screen.
        #expect(bytes.contains("\u{1B}[?1049l"))
        #expect(pty.drainOutput().isEmpty)
    }

    @Test func hangUpEndsTheWaitWithoutSpinning() throws {
        let pty = try PseudoTerminal(rows: 8, columns: 40)
        let terminal = try pty.startTerminal()
        defer { terminal.stop() }
        terminal.draw(sampleFrame())
        _ = pty.drainOutput()
        pty.type("x")
        #expect(terminal.waitForInput(timeout: .seconds(10)) == .input(.key(.character("x"))))

        pty.hangUp()
        let polls = terminal.pollCount
        // Before the fix the wait spun on poll until its timeout and then reported a timeout.
        // A wake-up left in the process-wide pipe by an earlier test may come first.
        var outcome = terminal.waitForInput(timeout: .seconds(30))
        for _ in 0..<3 where outcome == .woken { outcome = terminal.waitForInput(timeout: .seconds(30)) }
        #expect(outcome == .inputClosed)
        #expect(terminal.isInputClosed)
        #expect(terminal.pollCount - polls <= 3, "\(terminal.pollCount - polls) polls after the hang-up")
        #expect(terminal.waitForInput(timeout: .seconds(30)) == .inputClosed, "and at once every time after")
        #expect(terminal.pollCount - polls <= 3)
    }

    @Test func keysTypedOneByOneNeverLookLikeAHangUp() throws {
        let pty = try PseudoTerminal(rows: 8, columns: 40)
        let terminal = try pty.startTerminal()
        defer { terminal.stop() }
        for character in "/api-1 and more keys" {
            pty.type(String(character))
            #expect(terminal.waitForInput(timeout: .seconds(10)) == .input(.key(.character(character))))
            #expect(terminal.waitForInput(timeout: .milliseconds(1)) == .timedOut)
        }
        #expect(!terminal.isInputClosed)
    }

    @Test func terminalWithoutCursorAddressingIsRefused() throws {
        let pty = try PseudoTerminal(rows: 8, columns: 40)
        #expect(throws: CursesTerminalError.noCursorAddressing(termType: "dumb")) {
            _ = try CursesTerminal(input: pty.input, output: pty.output, termType: "dumb", colorEnabled: true)
        }
        #expect("\(CursesTerminalError.noCursorAddressing(termType: "dumb"))".contains("get --json"))
    }

    @Test func unknownTerminalTypeIsAClearError() throws {
        let pty = try PseudoTerminal(rows: 8, columns: 40)
        #expect(throws: CursesTerminalError.cannotInitialize(termType: "no-such-terminal")) {
            _ = try CursesTerminal(input: pty.input, output: pty.output, termType: "no-such-terminal", colorEnabled: true)
        }
    }
}
