package kagomedict

import (
	"archive/zip"
	"embed"
	"io"
	"io/fs"
	"sync"
	_ "unsafe" // for go:linkname

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome-dict/ipa"
)

// ipaSrc is the IPA dictionary's zip as the package ipa embeds it
// (ipa.dict, 11.7 MB). The package keeps it unexported; reading the same
// variable avoids a second copy of it in the executable. The tests check
// that the dictionary read from it equals ipa.Dict() and ipa.DictShrink(), so a new version
// of the package that renamed or changed it fails them; at run time any
// error sends IPA and IPAShrink to the package's own loader.
//
//go:linkname ipaSrc github.com/ikawaha/kagome-dict/ipa.dictsrc
var ipaSrc embed.FS

// LoadIPA reads kagome's IPA dictionary with Load: the full dictionary
// (ipa.Dict's) or, with full false, the one without features
// (ipa.DictShrink's).
func LoadIPA(full bool) (*dict.Dict, error) {
	f, err := ipaSrc.Open("ipa.dict")
	if err != nil {
		return nil, err
	}
	defer f.Close() //nolint:errcheck
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	ra, ok := f.(io.ReaderAt)
	if !ok {
		return nil, &fs.PathError{Op: "readat", Path: "ipa.dict", Err: fs.ErrInvalid}
	}
	zr, err := zip.NewReader(ra, st.Size())
	if err != nil {
		return nil, err
	}
	return Load(zr, full)
}

type once struct {
	sync.Once
	d *dict.Dict
}

var full, shrink once

// IPA returns kagome's full IPA dictionary, as ipa.Dict does, loaded once
// per process with LoadIPA (with ipa.Dict should LoadIPA fail).
func IPA() *dict.Dict {
	full.Do(func() {
		d, err := LoadIPA(true)
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
// once per process with LoadIPA (with ipa.DictShrink should LoadIPA fail).
func IPAShrink() *dict.Dict {
	shrink.Do(func() {
		d, err := LoadIPA(false)
		if err != nil {
			d = ipa.DictShrink()
		}
		shrink.d = d
	})
	return shrink.d
}
