package fr.vigie.access;

import static fr.vigie.access.Actors.actor;
import static fr.vigie.access.Actors.agencyAdvisor;
import static fr.vigie.access.Actors.agencyManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.identity.OrganizationKind;
import fr.vigie.identity.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchFilterTest {
  private static final byte[] INDEX = {1, 2, 3};

  @Test
  void readable_restrictedAdvisor_matchesNothing() {
    Actor actor = Actors.restricted(Role.ADVISOR, OrganizationKind.FRANCE_TRAVAIL_AGENCY);

    assertThat(SearchFilter.readable(actor, Purpose.FOLLOW_UP))
        .isEqualTo(new BoundSql("false", List.of()));
  }

  @Test
  void readable_agencyAdvisor_isCaseloadWithinOrganization() {
    Actor advisor = agencyAdvisor();

    BoundSql readable = SearchFilter.readable(advisor, Purpose.FOLLOW_UP);

    assertThat(readable.sql())
        .isEqualTo("(" + Fact.IN_CASELOAD.sql + " and " + Fact.FOLLOWED_BY_ORGANIZATION.sql + ")");
    assertThat(readable.parameters())
        .containsExactly(advisor.account().value(), advisor.organization().value());
  }

  @Test
  void readable_partnerAdvisor_isActiveReferralOnly() {
    Actor advisor = actor(Role.ADVISOR, OrganizationKind.MISSION_LOCALE);

    BoundSql readable = SearchFilter.readable(advisor, Purpose.FOLLOW_UP);

    assertThat(readable.sql()).isEqualTo("(" + Fact.REFERRED_TO_ORGANIZATION.sql + ")");
    assertThat(readable.parameters()).containsExactly(advisor.organization().value());
  }

  @Test
  void readable_managerForReview_isItsOrganization() {
    Actor manager = agencyManager();

    assertThat(SearchFilter.readable(manager, Purpose.REVIEW).sql())
        .isEqualTo("(" + Fact.FOLLOWED_BY_ORGANIZATION.sql + ")");
    assertThat(SearchFilter.readable(manager, Purpose.FOLLOW_UP).sql()).isEqualTo("false");
  }

  @Test
  void search_byNirWithoutNirClear_matchesNothing() {
    BoundSql search =
        SearchFilter.search(agencyAdvisor(), Purpose.FOLLOW_UP, Criterion.NIR_EXACT, INDEX);

    assertThat(search.sql()).contains("p.nir_index = ? and (false)");
  }

  @Test
  void search_byNirForRegistrationCheck_matchesCaseload() {
    BoundSql search =
        SearchFilter.search(
            agencyAdvisor(), Purpose.REGISTRATION_CHECK, Criterion.NIR_EXACT, INDEX);

    assertThat(search.sql())
        .startsWith("select p.id from person p where p.nir_index = ? and ((exists")
        .endsWith(" order by p.id limit " + SearchFilter.LIMIT);
    assertThat(search.parameters()).hasSize(3);
    assertThat((byte[]) search.parameters().getFirst()).isEqualTo(INDEX);
  }

  @Test
  void search_emptyIndexValue_isRefused() {
    assertThatThrownBy(
            () ->
                SearchFilter.search(
                    agencyAdvisor(), Purpose.FOLLOW_UP, Criterion.IDENTIFIER_EXACT, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void simplify_everyCombination_isOneTermWhereNothingMatters() {
    List<SearchFilter.Term> all = new ArrayList<>();
    for (int bits = 0; bits < 8; bits++) {
      all.add(new SearchFilter.Term(7, bits));
    }

    assertThat(SearchFilter.simplify(all)).containsExactly(new SearchFilter.Term(0, 0));
  }

  @Test
  void simplify_twoCombinationsDifferingInTwoFacts_staysTwoTerms() {
    List<SearchFilter.Term> terms =
        List.of(new SearchFilter.Term(7, 0b011), new SearchFilter.Term(7, 0b101));

    assertThat(SearchFilter.simplify(terms)).containsExactlyInAnyOrderElementsOf(terms);
  }

  @Test
  void toString_search_showsNoBoundValue() {
    BoundSql search =
        SearchFilter.search(agencyAdvisor(), Purpose.FOLLOW_UP, Criterion.EMAIL_EXACT, INDEX);

    assertThat(search.toString()).contains("3 values").doesNotContain("[1, 2, 3]");
  }
}
