"""Synthetic Claude Code transcripts of realistic shape for scripts/bench: many sessions across projects, tool
calls with results, and subagent sidechains. Deterministic for a given seed."""
import json
import os
import random


def write(directory, sessions, seed=7):
    rng = random.Random(seed)
    turns = 0
    for session in range(sessions):
        session_id = "%08x-%04x-4000-8000-%012x" % (rng.getrandbits(32), rng.getrandbits(16), session)
        project = "/home/dev/src/project-%d" % (session % 12)
        folder = os.path.join(directory, "-home-dev-src-project-%d" % (session % 12))
        os.makedirs(folder, exist_ok=True)
        lines = []
        clock = [session * 3600]
        parent = [None]

        def stamp():
            clock[0] += rng.randint(1, 20)
            seconds = clock[0]
            return "2026-%02d-%02dT%02d:%02d:%02d.000Z" % (
                1 + (seconds // 2419200) % 12, 1 + (seconds // 86400) % 28, (seconds // 3600) % 24,
                (seconds // 60) % 60, seconds % 60)

        def line(kind, message, sidechain=False):
            uuid = "%032x" % rng.getrandbits(128)
            lines.append({"parentUuid": parent[0], "isSidechain": sidechain, "type": kind, "message": message,
                          "uuid": uuid, "timestamp": stamp(), "cwd": project, "sessionId": session_id,
                          "version": "2.1.96"})
            parent[0] = uuid

        def assistant(content, stop, sidechain=False, model="claude-sonnet-4-6"):
            usage = {"input_tokens": rng.randint(1, 4000), "output_tokens": rng.randint(1, 2000),
                     "cache_read_input_tokens": rng.randint(0, 150000), "cache_creation_input_tokens": 0}
            line("assistant", {"model": model, "id": "msg_%024x" % rng.getrandbits(96), "type": "message",
                               "role": "assistant", "content": content, "stop_reason": stop, "usage": usage}, sidechain)

        line("user", {"role": "user", "content": "please fix the failing test in module %d" % session})
        for step in range(rng.randint(15, 45)):
            tool = rng.choice(["Bash", "Read", "Edit", "Grep"])
            tool_id = "toolu_%020x" % rng.getrandbits(80)
            inputs = {"Bash": {"command": "swift test --filter T%d" % step},
                      "Read": {"file_path": "%s/Sources/F%d.swift" % (project, step)},
                      "Edit": {"file_path": "%s/Sources/F%d.swift" % (project, step), "old_string": "a%d" % step,
                               "new_string": "b%d" % step},
                      "Grep": {"pattern": "func t%d" % step}}[tool]
            assistant([{"type": "text", "text": "Let me look."}, {"type": "tool_use", "id": tool_id, "name": tool,
                                                                  "input": inputs}], "tool_use")
            turns += 1
            line("user", {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tool_id,
                                                        "content": "output line\n" * rng.randint(1, 40)}]})
            if rng.random() < 0.08:
                for _ in range(rng.randint(2, 5)):
                    assistant([{"type": "text", "text": "sub-step"}], "end_turn", sidechain=True,
                              model="claude-haiku-4-5")
                    turns += 1
        assistant([{"type": "text", "text": "Done."}], "end_turn")
        turns += 1
        with open(os.path.join(folder, session_id + ".jsonl"), "w") as handle:
            for entry in lines:
                handle.write(json.dumps(entry, separators=(",", ":")) + "\n")
    return turns
