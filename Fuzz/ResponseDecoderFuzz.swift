// libFuzzer target: the response decoder on any status, `Date` header and body.
// Input: two bytes of status (big-endian, taken modulo 1000), the `Date` header up to the first
// newline, then the body. Built by scripts/fuzz against ProtectionCore's sources.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func responseDecoderFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard bytes.count >= 2 else { return 0 }
    let status = (Int(bytes[0]) << 8 | Int(bytes[1])) % 1000
    let rest = bytes.dropFirst(2)
    let newline = rest.firstIndex(of: 0x0A) ?? rest.endIndex
    let dateHeader = String(decoding: rest[..<newline], as: UTF8.self)
    let body = Array(rest[(newline == rest.endIndex ? newline : newline + 1)...])

    _ = HTTPDate.parse(dateHeader)
    let result = ResponseDecoder.decode(status: status, body: body)
    switch result {
    case .transport(let problem):
        // Our own messages quote the body: they must be inert and short.
        guard !TerminalSafeText.containsUnsafe(problem.message), problem.message.count < 400 else {
            fatalError("unsafe or long message: \(problem.message.debugDescription)")
        }
    case .rateLimited(let message):
        guard !TerminalSafeText.containsUnsafe(message) else { fatalError("unsafe 429 text") }
    case .protection(let protection):
        guard status == 200 else { fatalError("protection accepted with HTTP \(status)") }
        _ = TerminalSafeText.inert(protection.taskArn)
    case .failure:
        guard status == 200 else { fatalError("failure accepted with HTTP \(status)") }
    case .error(let error):
        guard (400...599).contains(status), !error.code.isEmpty else { fatalError("error accepted with HTTP \(status)") }
    }
    return 0
}
