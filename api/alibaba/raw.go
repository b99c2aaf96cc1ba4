package alibaba

import "context"

// RawReader reads one resource as the service returned it: the JSON of
// its item in the answer, with the service's own field names, secrets
// masked (api.MaskJSON). It is what `v` shows and people paste into a
// ticket. An optional capability of a Client (vpcclient has it; a fake
// need not), so the Client interface stays as it is.
type RawReader interface {
	Raw(ctx context.Context, region, kind, id string) ([]byte, error)
}
