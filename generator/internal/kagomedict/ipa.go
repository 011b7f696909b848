package kagomedict

import (
	"embed"
	"io"
	"io/fs"
	"sync"
	"sync/atomic"
	_ "unsafe" // for go:linkname

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/ipa"
)

// ipaSrc is the IPA dictionary's zip as the package ipa embeds it
// (ipa.dict, 11.7 MB). The package keeps it unexported; reading the same
// variable avoids a second copy of it in the executable. A version of the
// package without it fails to link; one that changed its type or content
// would read wrongly, so TestIPAVersionChecked fails for any version other
// than the one whose dictionary the tests compared with ipa.Dict() and
// ipa.DictShrink(). At run time any error sends IPA and IPAShrink to the
// package's own loader.
//
//go:linkname ipaSrc github.com/ikawaha/kagome-dict/ipa.dictsrc
var ipaSrc embed.FS

// LoadIPA reads kagome's IPA dictionary with Load: the full dictionary
// (ipa.Dict's) or, with full false, the one without features
// (ipa.DictShrink's).
func LoadIPA(full bool) (*dict.Dict, error) {
	d, _, err := LoadIPACached("", full)
	return d, err
}

// LoadIPACached reads kagome's IPA dictionary as LoadIPA does, with
// LoadCached: taking its parts from the cache in dir.
func LoadIPACached(dir string, full bool) (*dict.Dict, Stats, error) {
	f, err := ipaSrc.Open("ipa.dict")
	if err != nil {
		return nil, Stats{}, err
	}
	defer f.Close() //nolint:errcheck
	st, err := f.Stat()
	if err != nil {
		return nil, Stats{}, err
	}
	ra, ok := f.(io.ReaderAt)
	if !ok {
		return nil, Stats{}, &fs.PathError{Op: "readat", Path: "ipa.dict", Err: fs.ErrInvalid}
	}
	return LoadCached(dir, ra, st.Size(), full)
}

var cacheDir atomic.Pointer[string]

// SetCacheDir sets the folder where IPA and IPAShrink keep the dictionary's
// parts between processes (see LoadCached); "" for none (the default). It
// must be called before they load the dictionary.
func SetCacheDir(dir string) { cacheDir.Store(&dir) }

// CacheDir is the folder set by SetCacheDir.
func CacheDir() string {
	if p := cacheDir.Load(); p != nil {
		return *p
	}
	return ""
}

func cached(full bool) (*dict.Dict, error) {
	d, _, err := LoadIPACached(CacheDir(), full)
	return d, err
}

type once struct {
	sync.Once
	d *dict.Dict
}

var full, shrink once

// IPA returns kagome's full IPA dictionary, as ipa.Dict does, loaded once
// per process with LoadIPACached and the folder of SetCacheDir (with
// ipa.Dict should that fail).
func IPA() *dict.Dict {
	full.Do(func() {
		d, err := cached(true)
		if err != nil {
			d = ipa.Dict()
		}
		full.d = d
		shrink.Do(func() { shrink.d = d })
	})
	return full.d
}

// IPAShrink returns kagome's IPA dictionary without the entries' features,
// as ipa.DictShrink does (the full one if IPA was called first), loaded
// once per process as IPA's (with ipa.DictShrink should that fail).
func IPAShrink() *dict.Dict {
	shrink.Do(func() {
		d, err := cached(false)
		if err != nil {
			d = ipa.DictShrink()
		}
		shrink.d = d
	})
	return shrink.d
}
