package site

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"

	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/generator/internal/yamlx"
)

// startCaches starts the caches kept between builds, in the user's cache
// folder ($TEBIKI_CACHE) and named after the running executable: the cut
// Japanese texts (see startPhrases), the parsed YAML (see package yamlx)
// and the cities whose rule tests passed (see rules.LoadTestCache). The returned function saves them for the next build; a cache
// that cannot be written only makes the next build slower.
//
// The cut texts are read while the build reads the rest (45 ms at national
// size): ready waits for them, and must be called before anything is
// rendered. (Texts cut before would come out the same, only more slowly.)
//
// Without yaml, the cache of parsed YAML is neither read nor written.
func startCaches(yaml bool) (ready, save func()) {
	phrases := make(chan func(), 1)
	go func() { phrases <- startPhrases() }()
	var savePhrases func()
	ready = func() {
		if savePhrases == nil {
			savePhrases = <-phrases
		}
	}
	saveYAML := func() {}
	if yaml {
		saveYAML = startYAMLCache()
	}
	saveTests := startTestCache()
	return ready, func() {
		ready()
		savePhrases()
		saveYAML()
		saveTests()
	}
}

// startTestCache makes the rule tests of a city that passed with the same
// inputs in an earlier build of this same Tebiki pass without running
// (see rules.LoadTestCache).
func startTestCache() (save func()) {
	path := cachePath("tests")
	if path == "" {
		return func() {}
	}
	rules.LoadTestCache(path)
	return func() {
		if rules.SaveTestCache() == nil {
			pruneCaches(filepath.Dir(path), "tests-*.cache", 16)
		}
	}
}

// parsedAll is called by a build once everything is loaded (no YAML is
// parsed after): it saves the cache of parsed YAML now and lets go of it,
// so that its file's bytes and the trees parsed for the next build (70 MB
// at national size) are not held while the pages are rendered. The save
// of startCaches then has nothing more to write for it.
func parsedAll() {
	if cachePath("yaml") == "" {
		return
	}
	if yamlx.ReleaseNodeCache() == nil {
		pruneCaches(filepath.Dir(cachePath("yaml")), "yaml-*.cache", 16)
	}
}

// startYAMLCache makes the YAML parser take the trees of files parsed by
// earlier builds of this same Tebiki from its cache file.
func startYAMLCache() (save func()) {
	path := cachePath("yaml")
	if path == "" {
		return func() {}
	}
	yamlx.LoadNodeCache(path)
	return func() {
		if yamlx.SaveNodeCache() == nil {
			pruneCaches(filepath.Dir(path), "yaml-*.cache", 16)
		}
	}
}

// cachePath names a cache file after the running executable, so that a
// Tebiki that works differently never reads another's: kind-ID.cache in
// $TEBIKI_CACHE, or in the user's cache folder.
func cachePath(kind string) string {
	id := tool()
	if id == "unknown" {
		return ""
	}
	base := os.Getenv("TEBIKI_CACHE")
	if base == "" {
		uc, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		base = filepath.Join(uc, "tebiki")
	}
	sum := sha256.Sum256([]byte(id))
	return filepath.Join(base, kind+"-"+hex.EncodeToString(sum[:8])+".cache")
}
