#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CTerminalSupport
import Synchronization
import TerminalUI

/// The write end of the wake-up pipe, readable from a signal handler without locks (-1 = none).
private let wakeWriteDescriptor = Atomic<Int32>(-1)

/// A process-wide self-pipe: writing one byte makes the input wait's `poll()` return at once.
/// Created once and never closed, so a wake from any thread or a signal handler never writes to a
/// descriptor that was closed and reused.
struct WakePipe: Sendable {
    let readDescriptor: Int32
    let writeDescriptor: Int32

    /// The pipe, or nil when the process is out of descriptors (then wake-ups are lost, and input
    /// waits end only at their timeout).
    static let shared: WakePipe? = {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { return nil }
        _ = ecs_set_nonblocking(descriptors[0])
        _ = ecs_set_nonblocking(descriptors[1])
        wakeWriteDescriptor.store(descriptors[1], ordering: .releasing)
        return WakePipe(readDescriptor: descriptors[0], writeDescriptor: descriptors[1])
    }()

    /// Creates the shared pipe now, before a signal handler may need it.
    static func prepare() { _ = shared }

    /// Async-signal-safe wake-up: one `write` to a non-blocking pipe, `errno` preserved. A full
    /// pipe already guarantees a wake-up, so a failed write is fine.
    static func signalSafeWake() {
        let descriptor = wakeWriteDescriptor.load(ordering: .acquiring)
        guard descriptor >= 0 else { return }
        let savedErrno = errno
        var byte: UInt8 = 1
        _ = write(descriptor, &byte, 1)
        errno = savedErrno
    }

    /// Empties the pipe; returns whether anything was in it.
    @discardableResult
    func drain() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64)
        var drained = false
        while read(readDescriptor, &buffer, buffer.count) > 0 { drained = true }
        return drained
    }
}

/// A handle that interrupts `CursesTerminal.nextInput` from any thread, e.g. when a background
/// request finishes and the screen should be redrawn at once.
public struct TerminalWaker: InputWaker {
    /// A waker for the terminal of this process.
    public init() { WakePipe.prepare() }

    /// Makes a pending or the next `nextInput` return immediately. Safe from any thread.
    public func wake() { WakePipe.signalSafeWake() }
}
