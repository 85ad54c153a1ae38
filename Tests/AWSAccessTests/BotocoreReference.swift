import Foundation

/// Signs requests with botocore's `SigV4Auth` in a python3 subprocess, at a fixed time, so our
/// signer can be compared with an independent implementation. Throws (never skips) when python3
/// or botocore is missing: `.ci/run` installs botocore.
enum BotocoreReference {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    struct Case: Encodable {
        var method: String
        var url: String
        var params: [[String]]
        var headers: [[String]]
        var bodyBase64: String
        var accessKey: String
        var secretKey: String
        var token: String?
        var service: String
        var region: String
    }

    struct Result: Decodable {
        var authorization: String
        var amzDate: String
        var securityToken: String?
    }

    private static let script = #"""
import base64, datetime, json, sys
try:
    import botocore.auth, botocore.awsrequest, botocore.credentials
except ImportError as error:
    sys.stderr.write("botocore is missing (python3 -m pip install botocore): %s\n" % error)
    sys.exit(3)
botocore.auth.get_current_datetime = lambda *args, **kwargs: datetime.datetime(2015, 8, 30, 12, 36, 0)
results = []
for case in json.load(sys.stdin):
    request = botocore.awsrequest.AWSRequest(
        method=case["method"], url=case["url"], data=base64.b64decode(case["bodyBase64"]),
        params=[tuple(pair) for pair in case["params"]])
    for name, value in case["headers"]:
        request.headers[name] = value
    credentials = botocore.credentials.Credentials(case["accessKey"], case["secretKey"], case.get("token"))
    botocore.auth.SigV4Auth(credentials, case["service"], case["region"]).add_auth(request)
    results.append({"authorization": request.headers["Authorization"],
                    "amzDate": request.headers["X-Amz-Date"],
                    "securityToken": request.headers.get("X-Amz-Security-Token")})
json.dump(results, sys.stdout)
"""#

    /// The fixed signing time the script uses: 2015-08-30T12:36:00Z.
    static let signingDate = Date(timeIntervalSince1970: 1_440_938_160)

    static func sign(_ cases: [Case]) throws -> [Result] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw Failure(description: "python3 could not be started: \(error)")
        }
        let payload = try JSONEncoder().encode(cases)
        // Read both pipes while writing, so a large payload cannot dead-lock on full pipe buffers.
        let collected = CollectedOutput()
        let readers = DispatchGroup()
        for (pipe, isError) in [(output, false), (errors, true)] {
            readers.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collected.store(data, isError: isError)
                readers.leave()
            }
        }
        input.fileHandleForWriting.write(payload)
        try input.fileHandleForWriting.close()
        guard readers.wait(timeout: .now() + 120) == .success else {
            process.terminate()
            throw Failure(description: "botocore did not answer within 120 s")
        }
        process.waitUntilExit()
        let (stdout, stderr) = collected.values
        guard process.terminationStatus == 0 else {
            throw Failure(description: "botocore reference failed (status \(process.terminationStatus)): "
                + String(decoding: stderr, as: UTF8.self))
        }
        return try JSONDecoder().decode([Result].self, from: stdout)
    }

    private final class CollectedOutput: @unchecked Sendable {
        private let lock = NSLock()
        private var stdout = Data(), stderr = Data()

        func store(_ data: Data, isError: Bool) {
            lock.withLock { if isError { stderr = data } else { stdout = data } }
        }

        var values: (Data, Data) { lock.withLock { (stdout, stderr) } }
    }
}
