// Swagger UI over this API's own OpenAPI document (kept out of index.html: the CSP allows no inline script).
window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
