#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcurses
import CTerminalSupport
import TerminalUI

/// The input wait: keys ncurses decoded, resizes, wake-ups from other threads, termination
/// signals, and a terminal that went away, without ever spinning.
extension CursesTerminal {
    // MARK: - Input

    /// How an input wait ended.
    package enum WaitOutcome: Equatable {
        case input(TerminalInput)
        case woken
        case interrupted
        case inputClosed
        case timedOut
    }

    /// `nextInput` with the reason it returned, so tests can tell a wake-up from a timeout.
    package func waitForInput(timeout: Duration) -> WaitOutcome {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        let wakePipe = WakePipe.shared
        while !stopped {
            if resizeSignalled.exchange(false, ordering: .relaxed), let resize = checkForResize() {
                return .input(resize)
            }
            // ncurses may hold decoded keys already; read them before sleeping in poll.
            if mayHoldInput || pollReportedInput {
                let input = readPendingInput()
                // A key may have more queued behind it, and half an escape sequence gets one more look.
                mayHoldInput = input != nil || pollReportedInput
                if let input {
                    pollReportedInput = false
                    readableButEmpty = 0
                    return .input(input)
                }
            }
            // poll said readable, ncurses found no key and nothing is left to read, several times
            // in a row: a terminal at end-of-file stays readable forever, and waiting again would
            // spin. (Once can be ncurses holding half an escape sequence.)
            if pollReportedInput, ecs_bytes_available(inputDescriptor) <= 0 {
                readableButEmpty += 1
                if readableButEmpty >= Self.readableButEmptyLimit { isInputClosed = true }
            } else {
                readableButEmpty = 0
            }
            pollReportedInput = false
            if TerminationSignals.pending != nil {
                wakePipe?.drain()
                return .interrupted
            }
            if isInputClosed { return .inputClosed }
            let remaining = clock.now.duration(to: deadline)
            if remaining <= .zero { return .timedOut }
            pollCount += 1
            // On the stack: this runs at every wake-up, and an array would be allocated for each.
            let (ready, inputEvents, wakeEvents) = withUnsafeTemporaryAllocation(of: pollfd.self, capacity: 2) { descriptors in
                descriptors.initializeElement(at: 0, to: pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0))
                descriptors.initializeElement(at: 1, to: pollfd(fd: wakePipe?.readDescriptor ?? -1, events: Int16(POLLIN), revents: 0))
                let ready = poll(descriptors.baseAddress, nfds_t(wakePipe == nil ? 1 : 2), Self.milliseconds(remaining))
                return (ready, descriptors[0].revents, wakePipe == nil ? 0 : descriptors[1].revents)
            }
            if ready < 0 {
                // EINTR: a signal (SIGWINCH, a termination signal) arrived; loop to look at it.
                if errno == EINTR { continue }
                return .timedOut
            }
            if wakeEvents != 0, wakePipe?.drain() == true {
                if resizeSignalled.load(ordering: .relaxed) { continue }
                return TerminationSignals.pending == nil ? .woken : .interrupted
            }
            // A hung-up terminal may report POLLIN together with POLLHUP: the next pass still
            // reads what is buffered, then reports the input closed.
            let closedMask = Int16(POLLHUP) | Int16(POLLERR) | Int16(POLLNVAL)
            if inputEvents & closedMask != 0 { isInputClosed = true }
            if inputEvents & Int16(POLLIN) != 0 { pollReportedInput = true }
        }
        return .inputClosed
    }

    /// Reads keys ncurses has ready, skipping ones the dashboard ignores; nil when there are none.
    private func readPendingInput() -> TerminalInput? {
        while true {
            var value: wint_t = 0
            keyReadCount += 1
            let status = wget_wch(window, &value)
            if status == ERR { return nil }
            switch KeyDecoder.decode(status: status, value: UInt32(value)) {
            case .key(let key):
                return .key(key)
            case .resize:
                // resizeterm queues KEY_RESIZE after checkForResize reported the change already.
                guard let resize = reportResizeIfChanged() else { continue }
                return resize
            case .ignored:
                continue
            }
        }
    }

    /// Reads the size the kernel reports for the terminal and, when it changed, resizes ncurses'
    /// screen and returns the resize event. Run on SIGWINCH; tests call it directly.
    package func checkForResize() -> TerminalInput? {
        var rows: Int32 = 0, columns: Int32 = 0
        guard ecs_get_winsize(outputDescriptor, &rows, &columns) == 0, rows > 0, columns > 0 else {
            return nil
        }
        if (Int(columns), Int(rows)) != size {
            _ = resizeterm(rows, columns)
            mayHoldInput = true
        }
        return reportResizeIfChanged()
    }

    /// A resize event when the screen's size differs from the one last reported.
    private func reportResizeIfChanged() -> TerminalInput? {
        let current = size
        guard current != reportedSize else { return nil }
        reportedSize = current
        adoptResize()
        return .resize(width: current.width, height: current.height)
    }
}
