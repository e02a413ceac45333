FROM node:22-slim
WORKDIR /app
ENTRYPOINT node server.js
USER node
