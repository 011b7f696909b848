// Package kagomedict loads kagome's dictionaries (github.com/ikawaha/kagome-dict)
// faster than kagome-dict's own loader, giving the same *dict.Dict.
//
// kagome-dict's loader (dict.Load) reads each table through encoding/binary
// one element at a time (a reflection call and a small read from the
// decompressor for every int16 and int32 of the tries and matrices), the
// parts of speech through encoding/gob (a slice for each of 392,000
// entries), and splits the entries' features into millions of separate
// small slices. This package inflates each part of the dictionary's zip
// file into one buffer, two parts at a time; reads the tables of integers
// in place on little-endian machines (view.go) or with plain loops over the
// bytes; reads the parts of speech directly (pos.go); and keeps the features
// as substrings of one string, rows cut from one backing slice. It can keep
// the inflated parts in a cache folder between processes (cache.go). The
// result is the same structure, table for table (tests compare it with
// reflect.DeepEqual against kagome's own loader, and the tokens of a corpus).
//
// The formats decoded here are kagome-dict v1.1.x's: a zip holding
// morph.dict, pos.dict, content.meta, content.dict, index.dict,
// connection.dict, chardef.dict, unk.dict and dict.info. The small parts
// are handed to kagome-dict's own readers over the inflated bytes.
package kagomedict

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"github.com/ikawaha/kagome-dict/dict"
)

// maxPart bounds the size of one part of a dictionary, against a damaged
// zip directory claiming a huge size (kagome's IPA content.dict is 22 MB).
const maxPart = 1 << 30

// Load reads a dictionary from a kagome-dict zip, as dict.Load does: with
// full false, the entries' features (content.dict) are left out and
// Contents is nil.
func Load(r *zip.Reader, full bool) (*dict.Dict, error) {
	parts, err := partsOf(r.File, full)
	if err != nil {
		return nil, err
	}
	d, _, err := loadParts(parts)
	return d, err
}

// partsOf checks the parts of a dictionary's zip and picks those to load.
func partsOf(files []*zip.File, full bool) ([]*zip.File, error) {
	var parts []*zip.File
	seen := map[string]bool{}
	for _, f := range files {
		if _, ok := decoders[f.Name]; !ok {
			return nil, fmt.Errorf("%q, unknown file", f.Name)
		}
		if seen[f.Name] {
			return nil, fmt.Errorf("%q, in the zip twice", f.Name)
		}
		seen[f.Name] = true
		if f.UncompressedSize64 > maxPart {
			return nil, fmt.Errorf("%q, part too large (%d bytes)", f.Name, f.UncompressedSize64)
		}
		if !full && f.Name == dict.ContentDictFileName {
			continue
		}
		parts = append(parts, f)
	}
	return parts, nil
}

// loadParts decodes the parts of a dictionary (of the same zip or not), two
// at a time, and returns the dictionary and every part's bytes, by name.
func loadParts(parts []*zip.File) (*dict.Dict, map[string][]byte, error) {
	// Largest first, so that two workers finish at about the same time.
	parts = slices.Clone(parts)
	sort.SliceStable(parts, func(i, j int) bool {
		return parts[i].UncompressedSize64 > parts[j].UncompressedSize64
	})

	var d dict.Dict
	var (
		mu    sync.Mutex // guards d's fields and bufs while parts are decoded
		bufs  = make(map[string][]byte, len(parts))
		wg    sync.WaitGroup
		errs  = make([]error, len(parts))
		next  = make(chan int, len(parts))
		nwork = min(runtime.GOMAXPROCS(0), 2, len(parts))
	)
	for i := range parts {
		next <- i
	}
	close(next)
	for range nwork {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f := parts[i]
				b, err := inflate(f)
				if err == nil {
					mu.Lock()
					bufs[f.Name] = b
					mu.Unlock()
					err = decoders[f.Name](&d, &mu, b)
				}
				if err != nil {
					errs[i] = fmt.Errorf("%q, %w", f.Name, err)
				}
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	return &d, bufs, nil
}

// inflate reads a part of the zip whole into one buffer.
func inflate(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close() //nolint:errcheck
	b := make([]byte, f.UncompressedSize64)
	if _, err := io.ReadFull(rc, b); err != nil {
		return nil, err
	}
	// Read to the end, so the zip reader checks the part's CRC-32.
	var one [1]byte
	if n, err := rc.Read(one[:]); n != 0 || err != io.EOF {
		if err == nil || err == io.EOF {
			err = errors.New("part longer than its zip entry says")
		}
		return nil, err
	}
	return b, nil
}

// A decoder fills in the fields of d that one part holds; it takes mu
// while writing them.
type decoder func(d *dict.Dict, mu *sync.Mutex, b []byte) error

var decoders = map[string]decoder{
	dict.MorphDictFileName: func(d *dict.Dict, mu *sync.Mutex, b []byte) error {
		m, err := decodeMorphs(&reader{b: b})
		if err != nil {
			return err
		}
		mu.Lock()
		d.Morphs = m
		mu.Unlock()
		return nil
	},
	dict.POSDictFileName: func(d *dict.Dict, mu *sync.Mutex, b []byte) error {
		p, ok := decodePOS(b)
		if !ok {
			var err error
			if p, err = dict.ReadPOSTable(bytes.NewReader(b)); err != nil {
				return err
			}
		}
		mu.Lock()
		d.POSTable = p
		mu.Unlock()
		return nil
	},
	dict.ContentMetaFileName: func(d *dict.Dict, mu *sync.Mutex, b []byte) error {
		c, err := dict.ReadContentsMeta(bytes.NewReader(b))
		if err != nil {
			return err
		}
		mu.Lock()
		d.ContentsMeta = c
		mu.Unlock()
		return nil
	},
	dict.ContentDictFileName: func(d *dict.Dict, mu *sync.Mutex, b []byte) error {
		c := decodeContents(b)
		mu.Lock()
		d.Contents = c
		mu.Unlock()
		return nil
	},
	dict.IndexDictFileName: func(d *dict.Dict, mu *sync.Mutex, b []byte) error {
		idx, err := decodeIndex(&reader{b: b})
		if err != nil {
			return err
		}
		mu.Lock()
		d.Index = idx
		mu.Unlock()
		return nil
	},
	dict.ConnectionDictFileName: func(d *dict.Dict, mu *sync.Mutex, b []byte) error {
		c, err := decodeConnection(&reader{b: b})
		if err != nil {
			return err
		}
		mu.Lock()
		d.Connection = c
		mu.Unlock()
		return nil
	},
	dict.CharDefDictFileName: func(d *dict.Dict, mu *sync.Mutex, b []byte) error {
		def, err := dict.ReadCharDef(bytes.NewReader(b))
		if err != nil {
			return err
		}
		mu.Lock()
		d.CharClass = def.CharClass
		d.CharCategory = def.CharCategory
		d.InvokeList = def.InvokeList
		d.GroupList = def.GroupList
		mu.Unlock()
		return nil
	},
	dict.UnkDictFileName: func(d *dict.Dict, mu *sync.Mutex, b []byte) error {
		u, err := dict.ReadUnkDic(bytes.NewReader(b))
		if err != nil {
			return fmt.Errorf("dic initializer, UnkDict: %w", err)
		}
		mu.Lock()
		d.UnkDict = u
		mu.Unlock()
		return nil
	},
	dict.DictInfoFileName: func(d *dict.Dict, mu *sync.Mutex, b []byte) error {
		info := dict.ReadDictInfo(bytes.NewReader(b))
		mu.Lock()
		d.SetInfo(info)
		mu.Unlock()
		return nil
	},
}

// reader takes little-endian integers off the front of a buffer.
type reader struct {
	b   []byte
	off int
}

var errShort = errors.New("unexpected end of data")

func (r *reader) take(n int) ([]byte, error) {
	if n < 0 || n > len(r.b)-r.off {
		return nil, errShort
	}
	p := r.b[r.off : r.off+n]
	r.off += n
	return p, nil
}

func (r *reader) int64() (int64, error) {
	p, err := r.take(8)
	if err != nil {
		return 0, err
	}
	return int64(binary.LittleEndian.Uint64(p)), nil
}

// count reads an element count and checks that the buffer holds that many
// elements of size bytes each.
func (r *reader) count(size int) (int, error) {
	n, err := r.int64()
	if err != nil {
		return 0, err
	}
	if n < 0 || n > int64(len(r.b)-r.off)/int64(size) {
		return 0, fmt.Errorf("%d elements of %d bytes do not fit in the data left (%d bytes)", n, size, len(r.b)-r.off)
	}
	return int(n), nil
}

func decodeMorphs(r *reader) (dict.Morphs, error) {
	n, err := r.count(6)
	if err != nil {
		return nil, err
	}
	p, _ := r.take(6 * n)
	return morphsOf(p, n), nil
}

func decodeIndex(r *reader) (dict.IndexTable, error) {
	var idx dict.IndexTable
	n, err := r.count(8)
	if err != nil {
		return idx, fmt.Errorf("read index error, %w", err)
	}
	p, _ := r.take(8 * n)
	idx.Da = doubleArrayOf(p, n)
	if n, err = r.count(8); err != nil {
		return idx, err
	}
	p, _ = r.take(8 * n)
	idx.Dup = make(map[int32]int32, n)
	for i := range n {
		q := p[8*i : 8*i+8]
		idx.Dup[int32(binary.LittleEndian.Uint32(q))] = int32(binary.LittleEndian.Uint32(q[4:]))
	}
	return idx, nil
}

func decodeConnection(r *reader) (dict.ConnectionTable, error) {
	var t dict.ConnectionTable
	var err error
	if t.Row, err = r.int64(); err != nil {
		return t, err
	}
	if t.Col, err = r.int64(); err != nil {
		return t, err
	}
	left := int64(len(r.b) - r.off)
	if t.Row < 0 || t.Col < 0 || (t.Col != 0 && t.Row > left/2/t.Col) {
		return t, fmt.Errorf("a %d×%d table does not fit in the data left (%d bytes)", t.Row, t.Col, left)
	}
	n := int(t.Row * t.Col)
	p, _ := r.take(2 * n)
	t.Vec = int16sOf(p, n)
	return t, nil
}

// decodeContents gives what dict.NewContents gives, rows split at "\n" and
// columns at "\a", but with the columns as substrings of one string (b,
// which the caller hands over and never changes) and the rows cut from one
// backing slice, instead of a slice allocated for every row.
func decodeContents(b []byte) dict.Contents {
	const rowSep, colSep = '\n', '\a'
	if len(b) == 0 {
		return dict.Contents{{""}}
	}
	s := unsafe.String(unsafe.SliceData(b), len(b))
	rows := 1 + bytes.Count(b, []byte{rowSep})
	cols := rows + bytes.Count(b, []byte{colSep})
	all := make([]string, 0, cols)
	c := make(dict.Contents, 0, rows)
	for {
		line, rest, more := strings.Cut(s, "\n")
		start := len(all)
		for {
			col, after, ok := strings.Cut(line, "\a")
			all = append(all, col)
			if !ok {
				break
			}
			line = after
		}
		c = append(c, all[start:len(all):len(all)])
		if !more {
			break
		}
		s = rest
	}
	return c
}
