package site

import (
	"path/filepath"

	"github.com/tebiki/tebiki/generator/internal/kagomedict"
)

// keepDictionary lets the analyser's dictionary be kept between builds in
// the cache folder, its parts inflated (see package kagomedict): a build
// that meets a Japanese text not cut before then reads the dictionary in a
// few tens of milliseconds instead of inflating and decoding it. The file
// is named after the dictionary's content, not after the executable, so
// that every Tebiki with the same kagome-dict shares it. It must be called
// before anything loads the dictionary.
func keepDictionary() {
	if p := cachePath("jatext", ""); p != "" {
		kagomedict.SetCacheDir(filepath.Dir(p))
	}
}
