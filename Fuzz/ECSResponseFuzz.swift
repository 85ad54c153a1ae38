// libFuzzer target: the ECS API's answers (ListTasks and ListServices pages, DescribeServices,
// protection answers; error bodies are the transport's) on any bytes. Built by scripts/fuzz against ECSReplyDecoder.swift, the wire
// types and ProtectionCore's sources.
// Input: one byte choosing the operation, then the body.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func ecsResponseFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let selector = bytes.first else { return 0 }
    let body = Array(bytes.dropFirst())
    if selector & 3 == 1 {
        switch ECSReplyDecoder.listServicesPage(body) {
        case .success(let page):
            guard page.serviceArns.count <= ECSReplyDecoder.maximumListPageSize,
                  page.serviceArns.allSatisfy({ $0.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7f } }) else {
                fatalError("a service page past its limits was accepted")
            }
        case .failure(let bad):
            guard !TerminalSafeText.containsUnsafe(bad.problem.message) else { fatalError("unsafe message") }
        }
        return 0
    }
    if selector & 3 == 3 {
        if case .success(let services) = ECSReplyDecoder.services(body) {
            for service in services {
                let texts = [service.name] + service.events.map(\.message)
                    + service.deployments.flatMap { [$0.id, $0.status, $0.taskDefinition, $0.rolloutStateReason ?? ""] }
                guard service.events.count <= ECSReplyDecoder.maximumServiceEvents,
                      min(service.desired, service.running, service.pending) >= 0,
                      !texts.contains(where: { text in text.unicodeScalars.contains { $0.properties.generalCategory == .control } })
                else { fatalError("a service answer past its limits or with raw control characters was accepted") }
            }
        }
        return 0
    }
    if selector & 1 == 0 {
        switch ECSReplyDecoder.listTasksPage(body) {
        case .success(let page):
            guard page.taskArns.count <= ECSReplyDecoder.maximumListPageSize,
                  (page.nextToken?.utf8.count ?? 0) <= ECSReplyDecoder.maximumNextTokenBytes else {
                fatalError("a page past its limits was accepted")
            }
        case .failure(let bad):
            guard !TerminalSafeText.containsUnsafe(bad.problem.message) else { fatalError("unsafe message") }
        }
    } else {
        let tasks = ["arn:aws:ecs:us-west-2:1:task/c/0a", "0b", "0c"]
        let results = ECSReplyDecoder.protectionResults("GetTaskProtection", body: body, tasks: tasks)
        guard results.count == tasks.count else { fatalError("not one result per task") }
        for result in results {
            switch result {
            case .protection(let protection):
                // Text from the answer is cleaned: no control character survives.
                guard !protection.taskArn.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                    fatalError("a raw control character in a TaskArn")
                }
            case .failure(let failure):
                for text in [failure.arn, failure.reason, failure.detail].compactMap({ $0 })
                where text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                    fatalError("a raw control character in a failure")
                }
            case .transport(let problem):
                guard !TerminalSafeText.containsUnsafe(problem.message) else { fatalError("unsafe message") }
            default:
                fatalError("an answer of a kind ECS never sends: \(result)")
            }
        }
    }
    return 0
}
