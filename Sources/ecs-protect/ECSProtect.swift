import ArgumentParser

@main
struct ECSProtect: AsyncParsableCommand {
    func run() async throws {}
}
