// The reference server's entry point arrives with the server work.
export {}
