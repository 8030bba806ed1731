import RelayburnCLI
import RelayburnHTTP
import RelayburnSchema
import RelayburnServer
import RelayburnStore
import RelayburnWire

// The same CLI with the network stack: the http store and the collector server registered before it runs.
StoreConnector.httpOpener.set { baseURL, settings in
    var options = HTTPStoreOptions()
    if let budget = settings.httpRetryBudgetMs { options.retryBudget = .milliseconds(budget) }
    if !settings.httpGzip { options.gzipMinimumBytes = nil }
    return try await HTTPStore.open(baseURL: baseURL, apiKey: settings.apiKey, options: options) { notice in
        StandardStreams.writeErrorLine("relayburn: \(notice)")
    }
}
NetworkHandoff.serverRunner.set { settings, store, onListening in
    try await runServer(settings: settings, store: store, onListening: onListening)
}
RelayburnMain.run()
