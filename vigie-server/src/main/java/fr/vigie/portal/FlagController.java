package fr.vigie.portal;

import fr.vigie.ProblemCode;
import fr.vigie.VigieException;
import fr.vigie.access.StaffActors;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The DPO's queue of reads persons do not recognize: list the open ones, close one. */
@RestController
@RequestMapping("/api/flags")
class FlagController {
  private final ReadFlags flags;

  FlagController(ReadFlags flags) {
    this.flags = flags;
  }

  record Closure(ReadFlags.Outcome outcome) {}

  @GetMapping
  List<ReadFlags.Flag> open(@RequestParam(defaultValue = "100") int limit) {
    return flags.open(StaffActors.current(), limit);
  }

  @PostMapping("/{id}/closure")
  ReadFlags.Flag close(@PathVariable UUID id, @RequestBody Closure closure) {
    if (closure == null || closure.outcome() == null) {
      throw new VigieException(ProblemCode.FIELD_MISSING, "outcome: CONFIRMED or UNFOUNDED");
    }
    return flags.close(StaffActors.current(), id, closure.outcome());
  }
}
