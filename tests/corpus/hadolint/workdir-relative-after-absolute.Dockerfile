FROM node:22-slim
WORKDIR /srv
WORKDIR app
USER node
