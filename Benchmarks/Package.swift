// swift-tools-version:6.1
// Kefu's package-benchmark suites, a package of their own so that `swift test` at the root never
// builds package-benchmark. Run from this directory: `swift package benchmark` (release build).
import PackageDescription
import Foundation

// A path dependency is named by its directory, which depends on where the repository was cloned.
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent()
let kefu = root.lastPathComponent.lowercased()

let benchmark: [Target.Dependency] = [
    .product(name: "Benchmark", package: "benchmark"),
]
let plugins: [Target.PluginUsage] = [
    .plugin(name: "BenchmarkPlugin", package: "benchmark"),
]

let package = Package(
    name: "KefuBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "CalcBenchmarks",
            dependencies: benchmark + [.product(name: "KefuCore", package: kefu)],
            path: "Benchmarks/CalcBenchmarks",
            plugins: plugins
        ),
        .executableTarget(
            name: "CustomerBenchmarks",
            dependencies: benchmark + [
                .product(name: "KefuCore", package: kefu),
                .product(name: "KefuStore", package: kefu),
            ],
            path: "Benchmarks/CustomerBenchmarks",
            plugins: plugins
        ),
    ]
)
