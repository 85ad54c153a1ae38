#if canImport(Glibc)
import Glibc
#endif

/// Runs blocking work on a thread of its own (a POSIX thread, detached), so that it never holds
/// one of the few threads of Swift concurrency's shared pool: a session loop waiting in `poll`,
/// a helper process being waited for.
public enum OwnThread {
    /// Runs `body` on a new thread with `stackSize` bytes of stack and returns what it returned.
    /// When no thread can be made, `body` runs on the calling task's thread, rather than not at all.
    public static func run<Result: Sendable>(name: String, stackSize: Int = 8 << 20,
                                             _ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            start(name: name, stackSize: stackSize) { continuation.resume(returning: body()) }
        }
    }

    /// Starts `body` on a new detached thread named `name`.
    /// If the system refuses a thread, `body` runs on the caller's thread instead.
    public static func start(name: String, stackSize: Int = 8 << 20, _ body: @escaping @Sendable () -> Void) {
        let work = Work(name: name, body: body)
        if !spawn(work, stackSize: stackSize) { body() }
    }

    /// Whether a thread running `work` was made.
    private static func spawn(_ work: Work, stackSize: Int) -> Bool {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        pthread_attr_setstacksize(&attributes, max(stackSize, 1 << 16))
        let context = Unmanaged.passRetained(work).toOpaque()
        var thread = pthread_t()
        guard pthread_create(&thread, &attributes, threadEntry, context) == 0 else {
            Unmanaged<Work>.fromOpaque(context).release()
            return false
        }
        return true
    }

    /// Names the calling thread for `top -H`, `perf` and debuggers (Linux keeps 15 bytes).
    /// Through `/proc`: Glibc's Swift module hides `pthread_setname_np`.
    private static func nameThisThread(_ name: String) {
        #if os(Linux)
        let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        #endif
    }

    private static let threadEntry: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { context in
        guard let context else { return nil }
        let work = Unmanaged<Work>.fromOpaque(context).takeRetainedValue()
        nameThisThread(work.name)
        work.body()
        return nil
    }

    private final class Work: Sendable {
        let name: String
        let body: @Sendable () -> Void

        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }
}
