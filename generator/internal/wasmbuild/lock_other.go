//go:build !unix

package wasmbuild

// lockFile does nothing where flock is not available: builds in one process
// are still serialised by the package mutex.
func lockFile(path string) (func(), error) { return func() {}, nil }
