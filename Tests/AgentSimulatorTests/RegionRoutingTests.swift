import Foundation
import Testing
@testable import AgentSimulator

@Suite struct RegionRoutingTests {
    @Test("the scope's region is read from the Authorization header, hostile headers giving none", arguments: [
        ("AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=00", "us-east-1"),
        ("AWS4-HMAC-SHA256 Credential=AKID/20260101//ecs/aws4_request", nil),
        ("AWS4-HMAC-SHA256 Credential=AKID/us-east-1", nil),
        ("Bearer token", nil),
        ("", nil),
        ("AWS4-HMAC-SHA256 Credential=A/D/" + String(repeating: "x", count: 100) + "/ecs/aws4_request", nil),
        ("AWS4-HMAC-SHA256 Credential=" + String(repeating: "/", count: 10_000), nil),
    ] as [(String, String?)])
    func scopeRegion(header: String, region: String?) {
        #expect(RegionScope.region(ofAuthorization: header) == region)
    }

    @Test("the control route lists the regions served, takes one down and back, and refuses unknown ones")
    func controlRoute() async throws {
        var east = fastConfiguration()
        east.region = "us-east-1"
        east.controlPort = nil
        east.ecsAPIPort = nil
        let eastSimulator = AgentSimulator(configuration: east)
        var west = fastConfiguration()
        west.ecsAPIPort = 0
        try await withSimulator(west) { simulator in
            // A running simulator takes another region too; the same one twice is refused.
            try simulator.serveRegion(of: eastSimulator)
            #expect(throws: SimulatorError.self) { try simulator.serveRegion(of: eastSimulator) }
            let listed = try await simulator.control("GET", "/control/regions")
            #expect(listed.status == 200)
            #expect(String(decoding: listed.body, as: UTF8.self)
                    == #"{"regions":[{"region":"us-west-2","down":false,"requests":0},{"region":"us-east-1","down":false,"requests":0}]}"#)
            let down = try await simulator.control("PUT", "/control/regions/us-east-1", body: #"{"down":true}"#)
            #expect(down.status == 200 && eastSimulator.isRegionDown && !simulator.isRegionDown)
            let up = try await simulator.control("PUT", "/control/regions/us-east-1", body: #"{"down":false}"#)
            #expect(up.status == 200 && !eastSimulator.isRegionDown)
            let unknown = try await simulator.control("PUT", "/control/regions/mars-1", body: #"{"down":true}"#)
            #expect(unknown.status == 404)
            #expect(String(decoding: unknown.body, as: UTF8.self).contains("served: us-west-2, us-east-1"))
            let bad = try await simulator.control("PUT", "/control/regions/us-east-1", body: "down")
            #expect(bad.status == 400)
        }
    }
}
