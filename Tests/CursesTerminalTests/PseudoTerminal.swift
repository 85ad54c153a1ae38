#if canImport(Glibc)
import Glibc
#endif
import CTerminalSupport
@testable import CursesTerminal

/// A pseudo-terminal pair: the terminal draws on the slave side; the test reads what it wrote and
/// types keys on the master side.
final class PseudoTerminal {
    let master: Int32
    let slave: Int32
    /// False once `hangUp()` closed the master side.
    private var masterOpen = true
    let input: UnsafeMutablePointer<FILE>
    let output: UnsafeMutablePointer<FILE>

    struct OpenFailed: Error {}

    init(rows: Int, columns: Int) throws {
        var master: Int32 = -1, slave: Int32 = -1
        guard ecs_open_pty(&master, &slave, Int32(rows), Int32(columns)) == 0 else { throw OpenFailed() }
        _ = ecs_set_nonblocking(master)
        guard let output = fdopen(slave, "w"), let input = fdopen(dup(slave), "r") else { throw OpenFailed() }
        self.master = master
        self.slave = slave
        self.input = input
        self.output = output
    }

    deinit {
        fclose(input)
        fclose(output)
        if masterOpen { close(master) }
    }

    /// Closes the master side, as a terminal emulator or SSH connection that goes away does: the
    /// slave side then reports hang-up and reads fail, without any signal.
    func hangUp() {
        guard masterOpen else { return }
        masterOpen = false
        close(master)
    }

    /// A terminal on the slave side, TERM=xterm-256color.
    func startTerminal(colorEnabled: Bool = true) throws -> CursesTerminal {
        // NO_COLOR may be set in the test environment; the pty terminal never consults it.
        try CursesTerminal(input: input, output: output, termType: "xterm-256color", colorEnabled: colorEnabled)
    }

    /// Everything written to the terminal so far: reads until nothing more arrives for 100 ms
    /// (the kernel hands pty data over asynchronously), at most 5 s in all.
    func drainOutput() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        for _ in 0..<50 {
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 100) > 0 else { break }
            let count = read(master, &buffer, buffer.count)
            guard count > 0 else { break }
            bytes += buffer.prefix(count)
        }
        return bytes
    }

    /// Types `text` as if on the keyboard.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Changes the window size the kernel reports.
    func resize(rows: Int, columns: Int) {
        _ = ecs_set_winsize(master, Int32(rows), Int32(columns))
    }

    /// Whether the slave's line discipline is back in canonical mode with echo (the shell's modes).
    var isInShellMode: Bool {
        var modes = termios()
        guard tcgetattr(slave, &modes) == 0 else { return false }
        return modes.c_lflag & tcflag_t(ICANON) != 0 && modes.c_lflag & tcflag_t(ECHO) != 0
    }
}
