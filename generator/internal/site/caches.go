package site

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"

	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/generator/internal/theme"
	"github.com/tebiki/tebiki/generator/internal/yamlx"
)

// startCaches starts the caches kept between builds, in the user's cache
// folder ($TEBIKI_CACHE), named after the running executable and the
// project folder (project, "" when the project is not a folder): the cut
// Japanese texts (see startPhrases), the parsed YAML (see package yamlx),
// the cities whose rule tests passed (see rules.LoadTestCache) and the
// theme's assets as esbuild built them (see theme.LoadAssetCache). The
// returned function saves them for the next build; a cache that cannot be
// written only makes the next build slower.
//
// The cut texts are read while the build reads the rest (45 ms at national
// size): ready waits for them, and must be called before anything is
// rendered. (Texts cut before would come out the same, only more slowly.)
//
// Without yaml, the cache of parsed YAML is neither read nor written.
func startCaches(yaml bool, project string) (ready, save func()) {
	keepDictionary()
	phrases := make(chan func(), 1)
	go func() { phrases <- startPhrases(project) }()
	var savePhrases func()
	ready = func() {
		if savePhrases == nil {
			savePhrases = <-phrases
		}
	}
	saveYAML := func() {}
	if yaml {
		// The YAML parser takes the trees of files parsed by earlier
		// builds from the cache.
		saveYAML = startFileCache("yaml", project, func(path string) { yamlx.LoadNodeCache(path) }, yamlx.SaveNodeCache)
	}
	// A city whose rule tests passed with the same inputs passes again
	// without running them.
	saveTests := startFileCache("tests", project, rules.LoadTestCache, rules.SaveTestCache)
	saveAssets := startFileCache("assets", project, theme.LoadAssetCache, theme.SaveAssetCache)
	return ready, func() {
		ready()
		savePhrases()
		saveYAML()
		saveTests()
		saveAssets()
	}
}

// startFileCache starts the cache of one kind kept in a file of its own:
// load reads the file; the returned function writes it with save and keeps
// only the newest files of that kind (see saved).
func startFileCache(kind, project string, load func(path string), save func() error) (saveFile func()) {
	path := cachePath(kind, project)
	if path == "" {
		return func() {}
	}
	load(path)
	return func() { saved(kind, save()) }
}

// saved removes, once a cache of kind is written (err is nil), all but the
// 16 newest files of that kind: each executable writes its own for each
// project.
func saved(kind string, err error) {
	if err == nil {
		pruneCaches(filepath.Dir(cachePath(kind, "")), kind+"-*.cache", 16)
	}
}

// parsedAll is called by a build once everything is loaded (no YAML is
// parsed after): it saves the cache of parsed YAML now and lets go of it,
// so that its file's bytes and the trees parsed for the next build (70 MB
// at national size) are not held while the pages are rendered. The save
// of startCaches then has nothing more to write for it.
func parsedAll() {
	if cachePath("yaml", "") == "" {
		return
	}
	saved("yaml", yamlx.ReleaseNodeCache())
}

// cachePath names a cache file after the running executable, so that a
// Tebiki that works differently never reads another's, and after the
// project folder, so that the builds of two projects (a city's site and a
// copy to try an edit, two cities' sites) do not take turns replacing each
// other's caches: kind-ID.cache in $TEBIKI_CACHE, or in the user's cache
// folder. The project is made absolute: the same folder named two ways
// shares its caches.
func cachePath(kind, project string) string {
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
	if project != "" {
		if abs, err := filepath.Abs(project); err == nil {
			project = abs
		}
		id += "\x00" + project
	}
	sum := sha256.Sum256([]byte(id))
	return filepath.Join(base, kind+"-"+hex.EncodeToString(sum[:8])+".cache")
}
