package site

import (
	"os"
	"testing"
)

// BenchmarkRecordRead times the reading of a build record, as every build
// over an earlier output reads it (but for the links and element ids,
// which only an incremental build reads): a made-up record of 2,000 cities,
// and the record in the folder TEBIKI_BENCH_OUT when set (a national
// site's output, say):
//
//	go test ./generator/internal/site -run '^$' -bench RecordRead
func BenchmarkRecordRead(b *testing.B) {
	data, err := marshalManifest(sampleRecord(2000))
	if err != nil {
		b.Fatal(err)
	}
	read := func(b *testing.B, data []byte) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if m, err := decodeManifest(data); err != nil || m.was == nil {
				b.Fatalf("not read in the written form: %v", err)
			}
		}
	}
	b.Run("sample", func(b *testing.B) { read(b, data) })
	if out := os.Getenv("TEBIKI_BENCH_OUT"); out != "" {
		b.Run("out", func(b *testing.B) {
			data, err := os.ReadFile(out + "/" + ManifestName)
			if err != nil {
				b.Fatal(err)
			}
			read(b, data)
		})
	}
}
