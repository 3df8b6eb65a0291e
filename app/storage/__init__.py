"""Tables, sessions, writes and queries; imports parsing.records, never the API."""
