package site

import (
	"os"
	"path/filepath"
	"strings"
)

// Staging folders. A full build writes into a folder beside the output,
// .OUT.new-RANDOM, and swaps it in; the old output is renamed to
// .OUT.new-RANDOM.old and deleted. A build killed midway leaves these
// behind. The next build into the same output removes them: a folder is
// removed only when its name has that form and it holds the marker file
// Tebiki writes into every staging folder it makes; anything else beside
// the output is left alone.

// stagingMarker is the file that marks a staging folder as Tebiki's.
const stagingMarker = ".tebiki-staging"

func stagingPrefix(out string) string { return "." + filepath.Base(filepath.Clean(out)) + ".new-" }

func markStaging(dir string) error {
	return os.WriteFile(filepath.Join(dir, stagingMarker), []byte("A folder a Tebiki build writes into; the next build into the same output removes it.\n"), 0o644)
}

// removeLeftovers deletes the staging folders that earlier builds into out
// left beside it, and returns their names. The caller holds the lock on
// out's parent folder, so no other build is using them.
func removeLeftovers(out string) []string {
	parent := filepath.Dir(filepath.Clean(out))
	prefix := stagingPrefix(out)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), prefix) || !e.IsDir() { // IsDir is false for a link
			continue
		}
		dir := filepath.Join(parent, e.Name())
		if st, err := os.Lstat(filepath.Join(dir, stagingMarker)); err != nil || !st.Mode().IsRegular() {
			continue
		}
		if os.RemoveAll(dir) == nil {
			removed = append(removed, e.Name())
		}
	}
	return removed
}
