import ProtectionCore
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

#if canImport(Glibc)
import Glibc
#endif

/// Classifies what NIO and NIOSSL throw into a ``TransportProblem``.
package struct RequestProblem: Error {
    /// What went wrong, in the clients' terms.
    package let transportProblem: TransportProblem
    /// A keep-alive connection the server had already closed: worth one retry on a fresh connection.
    package let isStaleConnection: Bool

    /// A problem as it is.
    package init(_ problem: TransportProblem, isStaleConnection: Bool = false) {
        transportProblem = problem
        self.isStaleConnection = isStaleConnection
    }

    /// The problem `error` stands for.
    package init(_ error: any Error) {
        switch error {
        case let problem as RequestProblem:
            self = problem
        case is NIOSSLError, is NIOSSLExtraError, is BoringSSLError:
            self.init(.other("TLS: \(error)"))
        case let error as HTTPParserError:
            // The connection ended inside a response (mid-head or mid-body): closed, not garbled.
            // Not retried as a stale connection: the server did start answering this request.
            if error == .invalidEOFState {
                self.init(.connectionReset)
            } else {
                self.init(.unexpectedResponse("not valid HTTP: \(error.debugDescription)"))
            }
        case is NIOTooManyBytesError:
            self.init(.unexpectedResponse("response body exceeds the size limit"))
        case let error as NIOConnectionError:
            if let dnsError = error.dnsAError ?? error.dnsAAAAError {
                self.init(.dnsFailure(String(describing: dnsError)))
            } else if error.connectionErrors.contains(where: { Self.errno(of: $0.error) == ECONNREFUSED }) {
                self.init(.connectionRefused)
            } else {
                self.init(.other(String(describing: error)))
            }
        case let error as IOError:
            self = Self.problem(forErrno: error.errnoCode, description: String(describing: error))
        case is ChannelError:
            if case ChannelError.connectTimeout = error { self.init(.timeout) } else { self.init(.connectionReset, isStaleConnection: true) }
        case is SocketAddressError:
            self.init(.dnsFailure(String(describing: error)))
        case is CancellationError:
            self.init(.timeout)
        default:
            self.init(.other(String(describing: error)))
        }
    }

    private static func errno(of error: any Error) -> Int32? {
        (error as? IOError)?.errnoCode
    }

    private static func problem(forErrno code: Int32, description: String) -> RequestProblem {
        switch code {
        case ECONNREFUSED: RequestProblem(.connectionRefused)
        case ECONNRESET, EPIPE: RequestProblem(.connectionReset, isStaleConnection: true)
        case ETIMEDOUT: RequestProblem(.timeout)
        default: RequestProblem(.other(description))
        }
    }
}
