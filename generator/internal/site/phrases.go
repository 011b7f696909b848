package site

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"

	"github.com/tebiki/tebiki/generator/internal/jatext"
)

// startPhrases loads the Japanese texts cut by earlier builds of this same
// Tebiki (see package jatext), or starts loading the dictionary at once when
// there are none, while the build loads the site. The returned function
// keeps the texts cut by this build for the next one; a cache that cannot be
// written only makes the next build slower.
func startPhrases() (save func()) {
	path := phraseCachePath()
	if path == "" || !jatext.LoadCache(path) {
		jatext.Preload()
	}
	return func() {
		if path != "" {
			_ = jatext.SaveCache(path)
		}
	}
}

// phraseCachePath names the cache file after the running executable, so that
// a Tebiki that cuts differently never reads another's results: in
// $TEBIKI_CACHE, or the user's cache folder.
func phraseCachePath() string {
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
	return filepath.Join(base, "jatext-"+hex.EncodeToString(sum[:8])+".json")
}
