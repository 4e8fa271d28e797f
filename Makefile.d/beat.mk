# montagebeat analysis core (analysis/audio_*.c, analysis/beat_*.c): the
# core speed bench. The library objects, unit tests and tools (beat_cli)
# come from the top Makefile's wildcards.
#
#   make BUILD=build-beat bench-beat   # core speed, x real time, one core
#   tests/tools/eval_beats.sh MEDIA_DIR OUT_DIR build-beat   # dev scoring

BEAT_BENCH = $(BUILD)/bench/beat_core_bench

.PHONY: bench-beat
$(BEAT_BENCH): $(BUILD)/bench/beat_core_bench.o $(LIBMONTAGE)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBMONTAGE) $(DEP_LIBS)

bench-beat: $(BEAT_BENCH)
	$(BEAT_BENCH)
