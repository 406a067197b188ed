package io.tocsin.routing.statuspage;

import io.tocsin.routing.SqlTime;
import io.tocsin.routing.statuspage.StatusView.ServiceStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Status pages, their services and posted updates; and what they all show now, read in three queries. */
@Repository
class StatusPages {

    /** More would not be read on a status page; older updates stay in the table. */
    static final int UPDATES_SHOWN = 20;

    private final JdbcClient jdbc;

    StatusPages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    StatusPage create(String slug, String title, List<UUID> serviceIds, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into status_page (id, slug, title, created_at) values (:id, :slug, :title, :now)")
                .param("id", id)
                .param("slug", slug)
                .param("title", title)
                .param("now", SqlTime.of(now))
                .update();
        showServices(id, serviceIds);
        return find(id).orElseThrow();
    }

    /** Gives the page another slug, title or services; its posted updates stay. */
    StatusPage replace(UUID id, String slug, String title, List<UUID> serviceIds) {
        jdbc.sql("update status_page set slug = :slug, title = :title where id = :id")
                .param("id", id)
                .param("slug", slug)
                .param("title", title)
                .update();
        jdbc.sql("delete from status_page_service where status_page_id = :id").param("id", id).update();
        showServices(id, serviceIds);
        return find(id).orElseThrow();
    }

    /** Removes the page with its services and updates; false if there was none. */
    boolean delete(UUID id) {
        return jdbc.sql("delete from status_page where id = :id").param("id", id).update() > 0;
    }

    private void showServices(UUID id, List<UUID> serviceIds) {
        for (int position = 0; position < serviceIds.size(); position++) {
            jdbc.sql("""
                            insert into status_page_service (status_page_id, service_id, position)
                            values (:page, :service, :position)
                            """)
                    .param("page", id)
                    .param("service", serviceIds.get(position))
                    .param("position", position)
                    .update();
        }
    }

    /** Whether a page other than {@code except} (may be null) has the slug. */
    boolean slugTaken(String slug, UUID except) {
        return jdbc.sql("select exists (select 1 from status_page where slug = :slug and id is distinct from :except)")
                .param("slug", slug)
                .param("except", except)
                .query(Boolean.class).single();
    }

    Optional<StatusPage> find(UUID id) {
        return list().stream().filter(page -> page.id().equals(id)).findFirst();
    }

    List<StatusPage> list() {
        Map<UUID, List<UUID>> services = new HashMap<>();
        jdbc.sql("select status_page_id, service_id from status_page_service order by status_page_id, position")
                .query((ResultSet rs) -> {
                    services.computeIfAbsent(rs.getObject("status_page_id", UUID.class), page -> new ArrayList<>())
                            .add(rs.getObject("service_id", UUID.class));
                });
        return jdbc.sql("select id, slug, title, created_at from status_page order by slug")
                .query((rs, n) -> new StatusPage(rs.getObject("id", UUID.class), rs.getString("slug"),
                        rs.getString("title"), services.getOrDefault(rs.getObject("id", UUID.class), List.of()),
                        SqlTime.instant(rs, "created_at")))
                .list();
    }

    StatusUpdate post(UUID pageId, String postedBy, String message, Instant now) {
        StatusUpdate update = new StatusUpdate(UUID.randomUUID(), pageId, now, postedBy, message);
        jdbc.sql("""
                        insert into status_update (id, status_page_id, posted_at, posted_by, message)
                        values (:id, :page, :at, :by, :message)
                        """)
                .param("id", update.id())
                .param("page", pageId)
                .param("at", SqlTime.of(now))
                .param("by", postedBy)
                .param("message", message)
                .update();
        return update;
    }

    /** Every status page as it reads at {@code now}, by slug. */
    Map<String, StatusView> views(Instant now) {
        Map<UUID, List<ServiceStatus>> services = new HashMap<>();
        jdbc.sql("""
                        select ps.status_page_id, s.name,
                               count(i.id) filter (where i.urgency = 'HIGH') as open_high, count(i.id) as open
                        from status_page_service ps
                        join service s on s.id = ps.service_id
                        left join incident i on i.service_id = s.id and i.status <> 'RESOLVED' and not i.suppressed
                        group by ps.status_page_id, ps.position, s.id, s.name
                        order by ps.status_page_id, ps.position
                        """)
                .query((ResultSet rs) -> {
                    services.computeIfAbsent(rs.getObject("status_page_id", UUID.class), page -> new ArrayList<>())
                            .add(new ServiceStatus(rs.getString("name"),
                                    ServiceState.of(rs.getLong("open_high"), rs.getLong("open"))));
                });
        Map<UUID, List<StatusUpdate>> updates = new HashMap<>();
        jdbc.sql("""
                        select id, status_page_id, posted_at, posted_by, message from (
                            select u.*, row_number() over (partition by status_page_id order by posted_at desc, id) as n
                            from status_update u) latest
                        where n <= :shown
                        order by status_page_id, posted_at desc, id
                        """)
                .param("shown", UPDATES_SHOWN)
                .query((ResultSet rs) -> {
                    StatusUpdate update = update(rs);
                    updates.computeIfAbsent(update.statusPageId(), page -> new ArrayList<>()).add(update);
                });
        Map<String, StatusView> views = new LinkedHashMap<>();
        for (StatusPage page : list()) {
            views.put(page.slug(), new StatusView(page, services.getOrDefault(page.id(), List.of()),
                    updates.getOrDefault(page.id(), List.of()), now));
        }
        return views;
    }

    private static StatusUpdate update(ResultSet rs) throws SQLException {
        return new StatusUpdate(rs.getObject("id", UUID.class), rs.getObject("status_page_id", UUID.class),
                SqlTime.instant(rs, "posted_at"), rs.getString("posted_by"), rs.getString("message"));
    }
}
