/* eslint-disable */
export default async () => {
    const t = {
        ["./health/health.dto.js"]: await import("./health/health.dto.js")
    };
    return { "@nestjs/swagger": { "models": [[import("../../../libs/core/src/http/page-query.dto.js"), { "PageQueryDto": { limit: { required: true, type: () => Number, description: "How many items to return, 1..200.", default: 50, minimum: 1, maximum: 200 }, cursor: { required: false, type: () => String, description: "The `nextCursor` of the previous page.", maxLength: 1000 } } }], [import("./health/health.dto.js"), { "HealthDto": { status: { required: true, description: "`ok` when the service can serve requests.", enum: ["error", "ok"] }, db: { required: true, description: "Whether PostgreSQL answers.", enum: ["up", "down"] } } }]], "controllers": [[import("./health/health.controller.js"), { "HealthController": { "check": { summary: "Liveness and database reachability, for load balancers and monitors.", type: t["./health/health.dto.js"].HealthDto } } }]] } };
};