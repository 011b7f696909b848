package kagomedict

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/ikawaha/kagome-dict/dict"
)

// The parts of a dictionary are kept between processes, inflated, in a cache
// folder: reading them there costs a read of the file (19 MB for the IPA
// dictionary without features, 41 MB with) instead of inflating the
// dictionary's zip (most of what is left of a load once its tables are
// decoded in bulk).
//
// The cache file is a zip of the same parts, stored without compression,
// named after the SHA-256 of the dictionary's parts as its zip lists them
// (name, size and CRC-32 of each; not the 11.7 MB zip itself, which took a
// third of a load from the cache to hash): another dictionary (a new
// version of kagome-dict's) has another file. A part is taken from
// the file only when its name, size and CRC-32 are those of the
// dictionary's part, and the zip reader checks its CRC-32 again as it reads
// it; anything else (no file, a damaged one, a part missing) is read from
// the dictionary itself, and the file written again with every part known.
// A file that cannot be read or written only makes the load slower.

// cachePrefix and cacheSuffix frame the names of the cache files; only
// files so named are ever removed (keepCaches).
const (
	cachePrefix = "kagome-dict-"
	cacheSuffix = ".zip"
	keepCaches  = 2 // dictionaries, newest first: each Tebiki's kagome-dict
)

// CachePath is the cache file in dir for the dictionary whose zip is src.
func CachePath(dir string, src io.ReaderAt, size int64) (string, error) {
	zr, err := zip.NewReader(src, size)
	if err != nil {
		return "", err
	}
	return cachePathOf(dir, zr.File), nil
}

// cachePathOf is CachePath for the dictionary whose zip lists parts.
func cachePathOf(dir string, parts []*zip.File) string {
	h := sha256.New()
	for _, f := range parts {
		fmt.Fprintf(h, "%s\x00%d\x00%d\n", f.Name, f.UncompressedSize64, f.CRC32)
	}
	return filepath.Join(dir, cachePrefix+hex.EncodeToString(h.Sum(nil)[:16])+cacheSuffix)
}

// Stats tells where the parts of a load came from.
type Stats struct {
	FromCache, Inflated int  // parts read from the cache file, from the dictionary
	Wrote               bool // the cache file was written
}

// LoadCached reads a dictionary from its zip (src, size bytes) as Load
// does, taking what it can from the cache file in dir and writing that file
// when it lacked a part. With dir "", it is Load.
func LoadCached(dir string, src io.ReaderAt, size int64, full bool) (*dict.Dict, Stats, error) {
	var st Stats
	zr, err := zip.NewReader(src, size)
	if err != nil {
		return nil, st, err
	}
	parts, err := partsOf(zr.File, full)
	if err != nil {
		return nil, st, err
	}
	if dir == "" {
		d, _, err := loadParts(parts)
		st.Inflated = len(parts)
		return d, st, err
	}
	path := cachePathOf(dir, zr.File)

	// The cache's parts that match the dictionary's.
	cached := map[string]*zip.File{}
	var cf *os.File
	if f, err := os.Open(path); err == nil {
		cf = f
		defer func() {
			if cf != nil {
				cf.Close() //nolint:errcheck
			}
		}()
		if fi, err := f.Stat(); err == nil {
			if cr, err := zip.NewReader(f, fi.Size()); err == nil {
				byName := map[string]*zip.File{}
				for _, f := range zr.File {
					byName[f.Name] = f
				}
				for _, c := range cr.File {
					o := byName[c.Name]
					if o != nil && c.Method == zip.Store && c.CRC32 == o.CRC32 && c.UncompressedSize64 == o.UncompressedSize64 {
						cached[c.Name] = c
					}
				}
			}
		}
	}
	use := make([]*zip.File, len(parts))
	for i, p := range parts {
		use[i] = p
		if c := cached[p.Name]; c != nil {
			use[i] = c
			st.FromCache++
		}
	}
	d, bufs, err := loadParts(use)
	if err != nil && st.FromCache > 0 {
		// A damaged cache file (the CRC-32 of a part read from it differs):
		// everything from the dictionary, and the file written again.
		clear(cached)
		st.FromCache = 0
		d, bufs, err = loadParts(parts)
	}
	if err != nil {
		return nil, st, err
	}
	st.Inflated = len(parts) - st.FromCache
	if st.Inflated > 0 {
		st.Wrote = writeCache(path, zr.File, bufs, cached, func() {
			if cf != nil {
				cf.Close() //nolint:errcheck
				cf = nil   // (Windows renames no file over an open one)
			}
		}) == nil
		if st.Wrote {
			pruneCaches(dir, path)
		}
	}
	return d, st, nil
}

// writeCache writes the cache file at path: every part of the dictionary
// (files) whose bytes are in bufs, or else in the old cache file (cached),
// stored without compression. It calls done once it has read the old file.
func writeCache(path string, files []*zip.File, bufs map[string][]byte, cached map[string]*zip.File, done func()) (err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), cachePrefix+"*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()           //nolint:errcheck
			os.Remove(tmp.Name()) //nolint:errcheck
		}
	}()
	zw := zip.NewWriter(tmp)
	for _, f := range files {
		if b, ok := bufs[f.Name]; ok {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Store})
			if err != nil {
				return err
			}
			if _, err := w.Write(b); err != nil {
				return err
			}
		} else if c := cached[f.Name]; c != nil {
			if err := zw.Copy(c); err != nil {
				return err
			}
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	done()
	return os.Rename(tmp.Name(), path)
}

// pruneCaches removes all but the newest cache files in dir (keepCaches,
// counting path, just written): those of dictionaries no longer in use; and
// the temporary files of writes cut short (more than an hour old).
func pruneCaches(dir, path string) {
	tmps, _ := filepath.Glob(filepath.Join(dir, cachePrefix+"*.tmp"))
	for _, f := range tmps {
		if fi, err := os.Stat(f); err == nil && time.Since(fi.ModTime()) > time.Hour {
			os.Remove(f) //nolint:errcheck
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, cachePrefix+"*"+cacheSuffix))
	type aged struct {
		path string
		mod  time.Time
	}
	var old []aged
	for _, f := range files {
		if f == path {
			continue
		}
		if fi, err := os.Stat(f); err == nil {
			old = append(old, aged{f, fi.ModTime()})
		}
	}
	sort.Slice(old, func(i, j int) bool { return old[i].mod.After(old[j].mod) })
	for i := keepCaches - 1; i < len(old); i++ {
		os.Remove(old[i].path) //nolint:errcheck
	}
}
