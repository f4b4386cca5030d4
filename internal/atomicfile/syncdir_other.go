//go:build !unix

package atomicfile

// syncDir does nothing where a directory cannot be opened for syncing
// (Windows).
var syncDir = func(dir string) error { return nil }
